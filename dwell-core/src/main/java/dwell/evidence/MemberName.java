package dwell.evidence;

/** Rules for archive member names: which are safe to report under their archive, and gz naming. */
final class MemberName {
    private MemberName() {
    }

    /** False for absolute names, drive letters, UNC paths and any {@code ..} segment. */
    static boolean isSafe(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) return false;
        for (String seg : n.split("/")) {
            if (seg.equals("..")) return false;
        }
        return !n.isEmpty() && n.indexOf('\0') < 0;
    }

    /** The name a .gz member gets when the gzip header names none: the archive's name without .gz. */
    static String stripGz(String archivePath) {
        String n = archivePath.replace('\\', '/');
        int bang = n.lastIndexOf("!/");
        n = n.substring(Math.max(n.lastIndexOf('/'), bang + 1) + 1);
        if (n.toLowerCase().endsWith(".gz")) return n.substring(0, n.length() - 3);
        if (n.toLowerCase().endsWith(".tgz")) return n.substring(0, n.length() - 4) + ".tar";
        return n + ".out";
    }
}
