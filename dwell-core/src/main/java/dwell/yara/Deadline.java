package dwell.yara;

/**
 * The time one file's scan must end by. The loops that can run long (the automaton over the data, the
 * verification of candidate starts, a Pike VM run, a start filter's block) look at it now and then.
 */
final class Deadline {
    static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

    private final long at;
    private final long seconds;

    private Deadline(long at, long seconds) {
        this.at = at;
        this.seconds = seconds;
    }

    /** The deadline {@code seconds} from now; 0 or less means none. */
    static Deadline in(long seconds) {
        return seconds <= 0 ? NONE : new Deadline(System.nanoTime() + seconds * 1_000_000_000L, seconds);
    }

    /** Throws {@link ScanTimeoutException} once the deadline has passed. */
    void check() {
        if (at != Long.MAX_VALUE && System.nanoTime() - at > 0) throw new ScanTimeoutException(seconds);
    }
}
