package dwell.cli;

import dwell.evidence.EvidencePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Checks the evidence paths a user gave before any work starts. */
final class Paths {
    private Paths() {
    }

    /**
     * The evidence paths given: local paths, or Hadoop file system URIs ({@code hdfs://}, {@code s3a://},
     * {@code file://}), which only a scan with --spark reads; an input error names the first one that cannot be read.
     */
    static List<Path> evidence(List<String> given, boolean spark) {
        if (given == null || given.isEmpty()) throw new InputError("no evidence path given");
        List<Path> paths = new ArrayList<>();
        for (String g : given) {
            if (EvidencePaths.isUri(g) && !spark) {
                throw new InputError(g + " is a Hadoop file system URI: dwell reads it only in a scan with --spark MASTER "
                        + "(./dwell scan URI... --spark 'local[2]', or spark-submit)");
            }
            try {
                paths.add(EvidencePaths.of(g));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                // no Hadoop client for the scheme (s3a:// without hadoop-aws), or a file system that cannot be reached
                throw new InputError(e.getMessage());
            }
        }
        return existing(paths);
    }

    /** Throws an input error naming the first path that does not exist or cannot be read. */
    static List<Path> existing(List<Path> paths) {
        if (paths == null || paths.isEmpty()) throw new InputError("no evidence path given");
        for (Path p : paths) {
            try {
                Files.readAttributes(p, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new InputError("no such file or directory: " + p);
            } catch (IOException e) {
                // a path whose existence cannot be told (S3 refusing the credentials, a folder above it closed) says why
                throw new InputError("cannot read " + p + ": " + Failure.reason(e));
            }
            if (!Files.isReadable(p)) throw new InputError("cannot read: " + p);
        }
        return paths;
    }
}
