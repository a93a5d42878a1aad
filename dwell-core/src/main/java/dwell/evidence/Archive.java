package dwell.evidence;

import dwell.event.FormatId;
import java.nio.charset.StandardCharsets;

/** The archive formats the catalog opens, recognised by their magic numbers before any log format is tried. */
public enum Archive {
    ZIP("zip"),
    GZIP("gzip"),
    TAR("tar");

    private final FormatId id;

    Archive(String id) {
        this.id = FormatId.of(id);
    }

    public FormatId id() {
        return id;
    }

    /** The archive format of an item whose first {@code len} bytes are in {@code head}, or null. */
    static Archive sniff(byte[] head, int len) {
        if (len >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return ZIP;
        }
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (tar(head, len)) return TAR;
        return null;
    }

    /** True when the bytes start a tar archive (a POSIX ustar header). */
    static boolean tar(byte[] head, int len) {
        return len >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
    }

    /** The archive format with this id, or null. */
    public static Archive of(FormatId id) {
        for (Archive a : values()) if (a.id == id) return a;
        return null;
    }
}
