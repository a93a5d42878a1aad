package dwell.format;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** Reads one format from a stream, sending events as it goes; never loads the whole item. */
public interface EventReader {
    Format format();

    /**
     * Reads {@code in} (the item's bytes, from the start) to its end or until it cannot go on.
     * Bad lines or records go to {@link EventSink#unreadable}; an IOException means the item itself broke.
     *
     * @param itemPath the evidence item's display path, for provenance
     */
    void read(String itemPath, InputStream in, EventSink sink) throws IOException;

    /**
     * Reads knowing when the item was last modified, which formats whose timestamps lack a year (RFC 3164
     * syslog) need; {@code modified} may be null. By default the same as {@link #read(String, InputStream, EventSink)}.
     */
    default void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
        read(itemPath, in, sink);
    }
}
