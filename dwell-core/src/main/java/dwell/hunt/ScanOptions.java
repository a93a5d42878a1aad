package dwell.hunt;

import java.time.Instant;

/**
 * What a hunt keeps: events inside [since, until] (either may be null; events without a time are kept),
 * findings at or above minLevel; read with this many threads.
 */
public record ScanOptions(Instant since, Instant until, Level minLevel, int threads) {
    public static ScanOptions defaults() {
        return new ScanOptions(null, null, Level.INFORMATIONAL, Runtime.getRuntime().availableProcessors());
    }

    /** True when an event at this time is inside the window. */
    public boolean inWindow(Instant t) {
        if (t == null) return true;
        if (since != null && t.isBefore(since)) return false;
        return until == null || !t.isAfter(until);
    }
}
