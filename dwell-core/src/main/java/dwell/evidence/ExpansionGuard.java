package dwell.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The decompression budget of one archive file on disk: counts the bytes expanded at every nesting level
 * (a zip inside a tar.gz spends the same budget) and stops the read when a bomb limit is passed. Counting all
 * levels against the bytes read from disk is what catches nested bombs, whose every single layer looks modest.
 * One walk of one file runs on one thread, so no synchronisation is needed.
 */
final class ExpansionGuard {
    /** The ratio is only judged past this many expanded bytes: tiny archives of tiny files are not bombs. */
    static final long RATIO_GRACE_BYTES = 1L << 20;

    private final CatalogLimits limits;
    private final LongSupplier diskBytes;
    private long expanded;
    private BombLimitException tripped;

    ExpansionGuard(CatalogLimits limits, LongSupplier diskBytes) {
        this.limits = limits;
        this.diskBytes = diskBytes;
    }

    /** Wraps a member's decompressed bytes; closing the wrapper leaves the archive stream open. */
    InputStream guard(InputStream member) {
        return new PassThroughStream(member) {
            private long memberBytes;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (tripped != null) throw tripped;
                int n = in.read(b, off, len);
                if (n > 0) {
                    memberBytes += n;
                    account(n, memberBytes);
                }
                return n;
            }

            /**
             * Zero, so that a BufferedInputStream above returns what it has instead of reading on: a read that
             * then fails (a truncated .gz) would throw away the bytes already gathered in that call.
             */
            @Override
            public int available() {
                return 0;
            }
        };
    }

    /** Bytes expanded so far, all nesting levels together. */
    long expanded() {
        return expanded;
    }

    /** True once a limit was passed. */
    boolean tripped() {
        return tripped != null;
    }

    /** The limit that was passed, or null. */
    String trippedReason() {
        return tripped == null ? null : tripped.getMessage();
    }

    private void account(int n, long memberBytes) throws BombLimitException {
        expanded += n;
        if (memberBytes > limits.maxMemberBytes()) {
            trip("a member expands past " + limits.maxMemberBytes() + " bytes");
        }
        if (expanded > limits.maxExpandedBytesPerArchive()) {
            trip("archive expands past " + limits.maxExpandedBytesPerArchive() + " bytes");
        }
        long disk = Math.max(1, diskBytes.getAsLong());
        if (expanded > RATIO_GRACE_BYTES && expanded / disk > limits.maxRatio()) {
            trip("expansion ratio over " + limits.maxRatio() + ":1 (" + expanded + " bytes from " + disk
                    + " read from disk)");
        }
    }

    /** Once tripped, every later read of any member of this archive fails the same way. */
    private void trip(String message) throws BombLimitException {
        tripped = new BombLimitException(message);
        throw tripped;
    }

    /** Thrown when an archive passes a configured limit; the archive is abandoned, the walk goes on. */
    static final class BombLimitException extends IOException {
        BombLimitException(String message) {
            super("decompression limit: " + message);
        }
    }
}
