package dwell.evidence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The path a display path names: a local file, or ({@code scheme://...}) a file on a {@link RemoteEvidence} file
 * system. A local path's string never holds {@code //} (the JVM's paths collapse it), so the two cannot be confused.
 */
public final class EvidencePaths {
    /** RFC 3986's scheme followed by an authority; two letters at least, so that {@code C://} stays a Windows path. */
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+://.*", Pattern.DOTALL);
    private static volatile List<RemoteEvidence> remote;

    private EvidencePaths() {
    }

    /** Whether {@code display} names a file by URI, off the JVM's own file system. */
    public static boolean isUri(String display) {
        return display.indexOf("://") > 0 && URI.matcher(display).matches();
    }

    /** The path of a display path; throws {@link IllegalArgumentException} for a URI no file system on the class path serves. */
    public static Path of(String display) {
        if (!isUri(display)) return Path.of(display);
        for (RemoteEvidence r : remote()) {
            Path p = r.path(display);
            if (p != null) return p;
        }
        throw new IllegalArgumentException(display + ": no file system for " + display.substring(0, display.indexOf("://") + 3)
                + " on this class path");
    }

    /** The file systems on the class path of the code asking (a Spark executor's task loader holds the application's jars). */
    private static List<RemoteEvidence> remote() {
        List<RemoteEvidence> found = remote;
        if (found != null) return found;
        found = new ArrayList<>();
        for (RemoteEvidence r : ServiceLoader.load(RemoteEvidence.class)) found.add(r);
        // none found is not remembered: a loader that gains the jars later (a task's) may find one
        if (!found.isEmpty()) remote = List.copyOf(found);
        return found;
    }
}
