package dwell.format;

/** Whether a format's logs form a daily series, whose missing days tell where the evidence has holes. */
public enum Series {
    /** Logs written every day (a file a day or an hour): a day without events inside a series of them is a gap. */
    DAILY,
    /** Exports, or logs that may stay silent for days: a day without events tells nothing. */
    NONE
}
