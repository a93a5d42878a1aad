package dwell.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Passes bytes through while computing their SHA-256 and counting them; close() does not close the source. */
final class HashingInputStream extends PassThroughStream {
    /** Null when only counting: a catalog reading items again needs no digest. */
    private final MessageDigest digest;
    private long count;
    /**
     * What a drain reads into, one per catalog thread: most items are read to their end by their reader, and a 64 KB
     * array per item only for reading nothing was a tenth of the reading threads' allocation.
     */
    private static final ThreadLocal<byte[]> DRAIN = ThreadLocal.withInitial(() -> new byte[65536]);

    /** {@code digests} null: counting only. */
    HashingInputStream(InputStream in, ItemDigests digests) {
        super(in);
        digest = digests == null ? null : digests.create();
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            if (digest != null) digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            if (digest != null) digest.update(buf, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, then returns the hex SHA-256 of everything that passed (null when only counting). */
    String drainAndHash() throws IOException {
        byte[] buf = DRAIN.get();
        while (read(buf, 0, buf.length) >= 0) {
            // draining
        }
        return digest == null ? null : HexFormat.of().formatHex(digest.digest());
    }

    long count() {
        return count;
    }
}
