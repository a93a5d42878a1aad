package dwell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks the evidence paths a user gave before any work starts. */
final class Paths {
    private Paths() {
    }

    /** Throws an input error naming the first path that does not exist or cannot be read. */
    static List<Path> existing(List<Path> paths) {
        if (paths == null || paths.isEmpty()) throw new InputError("no evidence path given");
        for (Path p : paths) {
            if (!Files.exists(p)) throw new InputError("no such file or directory: " + p);
            if (!Files.isReadable(p)) throw new InputError("cannot read: " + p);
        }
        return paths;
    }
}
