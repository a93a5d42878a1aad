package dwell.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Receives the catalog's items. Called from several threads, but for one item always on one thread:
 * {@link #visit} (for non-archive items) then {@link #finished}.
 */
public interface ItemVisitor {
    /**
     * Reads an item's bytes from the start. The item's format is already sniffed; its sha256 is not yet known.
     * What the visitor leaves unread is drained by the catalog to complete the hash.
     */
    void visit(EvidenceItem item, InputStream content) throws IOException;

    /**
     * The item is done: hashed (sha256 set unless it could not be read at all), with the problems met
     * reading it (a truncated stream, an unsafe member name, a bomb limit). Archives get this call too.
     */
    void finished(EvidenceItem item, List<String> problems);
}
