package dwell.evidence;

import java.util.Locale;

/** Rules for archive member names: which are safe to report under their archive, and gz naming. */
final class MemberName {
    private MemberName() {
    }

    /**
     * False for absolute names, drive letters, UNC paths, any {@code ..} segment and NUL bytes: such members
     * are reported by name and never read, so no later tool that extracts "what dwell read" can be led outside
     * its folder.
     */
    static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) return false;
        String n = name.replace('\\', '/');
        if (n.startsWith("/")) return false;
        if (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0))) return false;
        for (String seg : n.split("/")) {
            if (seg.equals("..")) return false;
        }
        return true;
    }

    /** The name a .gz member gets when the gzip header names none: the archive's name without .gz. */
    static String stripGz(String archivePath) {
        String n = lastSegment(archivePath);
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) return n.substring(0, n.length() - 3);
        if (lower.endsWith(".tgz")) return n.substring(0, n.length() - 4) + ".tar";
        return n + ".out";
    }

    /** The part after the last {@code /}, {@code \} or {@code !/}. */
    static String lastSegment(String path) {
        String n = path.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
