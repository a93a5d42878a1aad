package dwell.evidence;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Hands a stream to a visitor without letting it close what the catalog still needs. */
final class NonClosingInputStream extends FilterInputStream {
    NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the catalog closes the item's stream
    }
}
