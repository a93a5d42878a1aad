package dwell.evidence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/** Counts the bytes an archive expands to and stops the read when a bomb limit is passed. */
final class ExpansionGuard {
    private final CatalogLimits limits;
    private final LongSupplier compressedSoFar;
    private long expanded;

    ExpansionGuard(CatalogLimits limits, LongSupplier compressedSoFar) {
        this.limits = limits;
        this.compressedSoFar = compressedSoFar;
    }

    InputStream guard(InputStream member) {
        return new FilterInputStream(member) {
            private long memberBytes;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    memberBytes += n;
                    account(n, memberBytes);
                }
                return n;
            }

            @Override
            public void close() {
                // the archive stream owns the member stream
            }
        };
    }

    private void account(int n, long memberBytes) throws BombLimitException {
        expanded += n;
        if (memberBytes > limits.maxMemberBytes()) {
            throw new BombLimitException("member expands past " + limits.maxMemberBytes() + " bytes");
        }
        if (expanded > limits.maxExpandedBytesPerArchive()) {
            throw new BombLimitException("archive expands past " + limits.maxExpandedBytesPerArchive() + " bytes");
        }
        long compressed = Math.max(1, compressedSoFar.getAsLong());
        if (expanded > (1 << 20) && expanded / compressed > limits.maxRatio()) {
            throw new BombLimitException("expansion ratio over " + limits.maxRatio() + ":1 (" + expanded
                    + " bytes from " + compressed + ")");
        }
    }

    /** Thrown when an archive passes a configured limit; the archive is abandoned, the walk goes on. */
    static final class BombLimitException extends IOException {
        BombLimitException(String message) {
            super("decompression limit: " + message);
        }
    }
}
