import dwell.rulecache.RuleCache;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.Placeholders;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark (run by bench/startup.sh, not a test): the rule phase of a fresh JVM, as a command sees it: loading
 * (YAML parsing, or reading the rule cache) and compiling Sigma rules into the engine, wall and the main thread's
 * CPU time, and the process's CPU time over the phase (the second loading thread, the JIT compiler and the collector).
 * Where Linux's scheduler statistics are at hand, the main thread's wall time split three ways: on a core, waiting
 * for one (other threads, this process's or not, had them) and blocked (waiting on another thread, a lock, a
 * collection's pause, I/O): the last is what more cores would not give back.
 * Usage: java -cp 'dwell-cli/target/lib/*' bench/RuleStartBench.java RULES_DIR CACHE_DIR|off
 */
public final class RuleStartBench {
    public static void main(String[] args) throws Exception {
        RuleCache cache = args[1].equals("off") ? RuleCache.off()
                : RuleCache.in(Path.of(args[1]), "bench", note -> System.err.println("note: " + note));
        // as a command installs its cache (the logsource mapping reads it where it can); compiles against older trees too
        RuleCache.install(cache);
        var threads = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        schedstat(); // its classes loaded outside the phase
        long[] sched0 = schedstat();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long all0 = process.getProcessCpuTime();
        RuleSet set = new RuleLoader(Placeholders.none(), cache).load(List.of(Path.of(args[0])));
        long wall1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        long wall2 = System.nanoTime();
        long cpu2 = threads.getCurrentThreadCpuTime();
        long all2 = process.getProcessCpuTime();
        long[] sched2 = schedstat();
        System.out.printf("%d rules: load %.2f s (cpu %.2f), compile %.2f s (cpu %.2f), rule phase %.2f s (cpu %.2f,"
                        + " process %.2f)%n", set.loaded(), (wall1 - wall0) / 1e9, (cpu1 - cpu0) / 1e9, (wall2 - wall1) / 1e9,
                (cpu2 - cpu1) / 1e9, (wall2 - wall0) / 1e9, (cpu2 - cpu0) / 1e9, (all2 - all0) / 1e9);
        if (sched0 != null && sched2 != null) {
            long on = sched2[0] - sched0[0], waiting = sched2[1] - sched0[1];
            System.out.printf("  main thread over the phase: on a core %.3f s, waiting for one %.3f s, blocked %.3f s%n",
                    on / 1e9, waiting / 1e9, (wall2 - wall0 - on - waiting) / 1e9);
        }
    }

    /** The calling thread's time on a core and waiting in a run queue, in nanoseconds; null where Linux gives none. */
    private static long[] schedstat() {
        try {
            String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (Exception e) {
            return null;
        }
    }
}
