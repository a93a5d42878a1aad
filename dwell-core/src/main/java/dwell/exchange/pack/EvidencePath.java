package dwell.exchange.pack;

import java.util.Locale;

/**
 * An evidence item's location as a Windows file system path: the innermost archive member's path (collections
 * zip up the disk layout) or the file path, lower-cased with {@code /} separators, for folder tests.
 */
record EvidencePath(String folder, String name) {

    static EvidencePath of(String displayPath) {
        String p = displayPath;
        int member = p.lastIndexOf("!/");
        if (member >= 0) p = p.substring(member + 2);
        p = "/" + p.replace('\\', '/').toLowerCase(Locale.ROOT);
        int slash = p.lastIndexOf('/');
        return new EvidencePath(p.substring(0, slash + 1), p.substring(slash + 1));
    }

    /** True when the item lies in a folder whose path contains {@code /segment/} (segment lower-case). */
    boolean under(String segment) {
        return folder.contains("/" + segment + "/");
    }

    /** The folder path after the first {@code /segment/}, or null when the item is not under it. */
    String below(String segment) {
        String s = "/" + segment + "/";
        int i = folder.indexOf(s);
        return i < 0 ? null : folder.substring(i + s.length());
    }

    String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
