package dwell.cli;

import dwell.evidence.Progress;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * A scan's progress passed on, and, when the system property {@code dwell.scan.timing} is set, each stage's wall
 * time, the process's CPU time over it (every thread's, DuckDB's and the JIT compilers' included) and the cores that
 * makes busy on average, printed to stderr when the next stage starts: a tool for performance work, silent otherwise.
 */
final class StageTiming implements Progress {
    /** Whether stage lines are printed. */
    static final boolean ON = System.getProperty("dwell.scan.timing") != null;

    private final Progress next;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private String stage = "starting";
    private long since = start;
    private long cpuSince = cpu();

    StageTiming(Progress next, PrintStream err) {
        this.next = next;
        this.err = err;
    }

    /** {@code next} itself when timing is off, so that a scan's progress costs nothing more. */
    static Progress around(Progress next) {
        return ON ? new StageTiming(next, System.err) : next;
    }

    @Override
    public void planned(int files, long bytes) {
        next.planned(files, bytes);
    }

    @Override
    public void read(long bytes) {
        next.read(bytes);
    }

    @Override
    public void fileDone() {
        next.fileDone();
    }

    @Override
    public synchronized void stage(String name) {
        next.stage(name);
        print();
        stage = name;
    }

    /** Prints the stage under way as ended (the scan's last stage ends with the command). */
    synchronized void end() {
        print();
        stage = "(after)";
    }

    private void print() {
        long now = System.nanoTime();
        long cpu = cpu();
        double wall = (now - since) / 1e9;
        double used = (cpu - cpuSince) / 1e9;
        err.printf("timing: %-28s %6.2f s wall %6.2f s cpu %5.2f cores  (t=%6.2f s)%n", stage, wall, used,
                wall > 0 ? used / wall : 0, (now - start) / 1e9);
        since = now;
        cpuSince = cpu;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
