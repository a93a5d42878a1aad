package dwell.format;

import dwell.event.FormatId;
import dwell.event.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A log format dwell reads: its id, how an item in it is recognised from its head, how the item is read into
 * events, and what its logs are (the Sigma logsource of their events, whether they form a daily series).
 */
public abstract class LogFormat {
    private final FormatId id;
    private final LogSource logSource;
    private final Series series;

    protected LogFormat(FormatId id, LogSource logSource, Series series) {
        this.id = id;
        this.logSource = logSource;
        this.series = series;
    }

    public final FormatId id() {
        return id;
    }

    /**
     * The Sigma logsource its events get ({@link LogSource#NONE} if none); an event may say more (a Windows channel
     * names its own, syslog's file name gives a service).
     */
    public final LogSource logSource() {
        return logSource;
    }

    public final Series series() {
        return series;
    }

    /** The strongest clue in an item's head that the item is in this format, or null when there is none. */
    public abstract Clue sniff(Head head);

    /**
     * Reads an item (its bytes from the start) to its end or until it cannot go on, sending events as it goes and
     * never holding the whole item. Bad lines or records go to {@link EventSink#unreadable}; an IOException means
     * the item itself broke.
     *
     * @param itemPath the item's display path, for provenance
     * @param modified when the item last changed, or null; formats whose times lack a year (RFC 3164 syslog) need it
     */
    public abstract void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException;

    /** Reads an item whose modification time is unknown. */
    public final void read(String itemPath, InputStream in, EventSink sink) throws IOException {
        read(itemPath, null, in, sink);
    }

    @Override
    public String toString() {
        return id.id();
    }
}
