package dwell.format;

import java.nio.charset.StandardCharsets;

/** Decodes the head of an item as text (UTF-8/UTF-16 with or without BOM), or says it is binary. */
final class TextHead {
    private TextHead() {
    }

    /** Returns the decoded head without BOM, or null when the bytes do not look like text. */
    static String decode(byte[] b, int len) {
        if (len == 0) return null;
        if (len >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, (len - 2) & ~1, StandardCharsets.UTF_16LE);
        }
        if (len >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, (len - 2) & ~1, StandardCharsets.UTF_16BE);
        }
        int off = 0;
        if (len >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) off = 3;
        // UTF-16 without BOM: every other byte zero in ASCII text
        if (off == 0 && len >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0) {
            return new String(b, 0, len & ~1, StandardCharsets.UTF_16LE);
        }
        int control = 0;
        for (int i = off; i < len; i++) {
            int c = b[i] & 0xff;
            if (c == 0) return null;
            if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) control++;
        }
        if (control * 20 > len - off) return null;
        return new String(b, off, len - off, StandardCharsets.UTF_8);
    }
}
