package dwell.evidence;

import java.nio.charset.StandardCharsets;

/** Reads the original file name from a gzip header (RFC 1952), if the header carries one. */
final class GzipHeader {
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int MAX_NAME = 1024;

    private GzipHeader() {
    }

    /** The FNAME field of the header in {@code head[0..len)}, or null when absent, unterminated or not gzip. */
    static String fileName(byte[] head, int len) {
        if (len < 10 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b) return null;
        int flags = head[3] & 0xff;
        if ((flags & FNAME) == 0) return null;
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > len) return null;
            p += 2 + ((head[p] & 0xff) | (head[p + 1] & 0xff) << 8);
        }
        for (int end = p; end < len && end - p <= MAX_NAME; end++) {
            // RFC 1952: the name is ISO 8859-1, zero-terminated
            if (head[end] == 0) return new String(head, p, end - p, StandardCharsets.ISO_8859_1);
        }
        return null;
    }
}
