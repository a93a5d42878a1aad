package dwell.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The start of an item as sniffing sees it: its name, its first bytes and, when they are text (UTF-8 or UTF-16,
 * with or without BOM), that text with its leading {@code #} directive lines and its first other non-blank line.
 * Only directive lines at the top count, so a logged request that holds directive text cannot change a format.
 */
public final class Head {
    /** How many leading bytes sniffing wants to see. */
    public static final int BYTES = 8192;

    private final String name;
    private final byte[] bytes;
    private final int length;
    private final String text;
    private final List<String> directives = new ArrayList<>();
    private String firstData = "";

    private Head(String path, byte[] bytes, int length) {
        this.name = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        this.bytes = bytes;
        this.length = length;
        this.text = decode(bytes, length);
        if (text != null) splitLines();
    }

    /** The head of the item at {@code path} whose first {@code length} bytes are in {@code bytes}. */
    public static Head of(String path, byte[] bytes, int length) {
        return new Head(path, bytes, length);
    }

    /** The item's path in lower case, with {@code /} between folders. */
    public String name() {
        return name;
    }

    /** The last segment of {@link #name()}. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** True when the bytes start with {@code magic}. */
    public boolean startsWith(byte[] magic) {
        return length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }

    /** The head as text without BOM, or null when the bytes do not look like text. */
    public String text() {
        return text;
    }

    public boolean hasDirectives() {
        return !directives.isEmpty();
    }

    /** The value of the first leading directive with this prefix (case-insensitive), stripped; null if none. */
    public String directive(String prefix) {
        for (String d : directives) {
            if (d.regionMatches(true, 0, prefix, 0, prefix.length())) return d.substring(prefix.length()).strip();
        }
        return null;
    }

    /** The first non-blank line after the leading directives, without its line end; empty if none. */
    public String firstData() {
        return firstData;
    }

    private void splitLines() {
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
            pos = nl < 0 ? text.length() : nl + 1;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isBlank()) continue;
            if (!line.startsWith("#")) {
                firstData = line;
                return;
            }
            directives.add(line);
        }
    }

    private static String decode(byte[] b, int len) {
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
