package dwell.yara;

/**
 * Prints how long each phase of compiling and scanning took, to stderr, when the system property
 * {@code dwell.yara.timing} is set (a debugging aid for performance work; silent otherwise).
 */
public final class PhaseTimer {
    /** Whether timing lines are printed. */
    public static final boolean ON = System.getProperty("dwell.yara.timing") != null;
    private static final long START = System.nanoTime();
    private long last = System.nanoTime();
    private long lastCpu = cpu();

    /**
     * Prints the wall time since the previous mark (or creation), the process's CPU time over the same span
     * (all threads, the JIT compilers' included: the figure that holds on a busy machine), and the wall time
     * since this class was loaded.
     */
    public void mark(String phase) {
        if (!ON) return;
        long now = System.nanoTime();
        long cpu = cpu();
        System.err.printf("timing: %-28s %7.1f ms wall %7.1f ms cpu  (t=%7.1f ms)%n", phase, (now - last) / 1e6,
                (cpu - lastCpu) / 1e6, (now - START) / 1e6);
        last = now;
        lastCpu = cpu;
    }

    private static long cpu() {
        if (!ON) return 0;
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
