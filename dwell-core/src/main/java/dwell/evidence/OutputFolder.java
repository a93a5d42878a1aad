package dwell.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A folder dwell writes its output into, recognised by a marker file: the catalog never reads such a folder as
 * evidence, so a scan of a tree holding an earlier scan's output does not hunt its own findings.
 */
public final class OutputFolder {
    /** The marker's file name. */
    public static final String MARKER = ".dwell-output";

    private static final String NOTE = "This folder holds output written by dwell. dwell scan and dwell inventory do not read\n"
            + "a folder that holds this file as evidence; delete it to have the folder read.\n";

    private OutputFolder() {
    }

    /** Whether {@code dir} is marked as dwell's output. */
    public static boolean isMarked(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the folder (and its parents) and marks it, which also proves it writable before any work is done; throws
     * when it is not a folder or cannot be written.
     */
    public static void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!isMarked(dir)) Files.writeString(marker, NOTE, StandardCharsets.UTF_8);
        // an existing marker proves nothing about writing: probe with a file of our own
        Path probe = Files.createTempFile(dir, ".dwell-write-check", ".tmp");
        Files.delete(probe);
    }
}
