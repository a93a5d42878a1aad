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

    /** Prints the time since the previous mark (or creation) and since the JVM class was loaded. */
    public void mark(String phase) {
        if (!ON) return;
        long now = System.nanoTime();
        System.err.printf("timing: %-28s %7.1f ms  (t=%7.1f ms)%n", phase, (now - last) / 1e6, (now - START) / 1e6);
        last = now;
    }
}
