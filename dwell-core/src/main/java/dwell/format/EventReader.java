package dwell.format;

import java.io.IOException;
import java.io.InputStream;

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
}
