package dwell.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The class path a cluster's executors load dwell's classes from when the class-data archive named to them was dumped
 * for dwell's jars too: its sidecar ({@code ARCHIVE.classpath}, one jar a line, in the dumped order) names the jars,
 * and when they are the very jars the driver would ship, the executors take them from there
 * ({@code spark.executor.extraClassPath}) instead of fetching copies into each application's folder, so the archive
 * serves dwell's classes as it serves Spark's.
 */
final class ExecutorClassPath {
    static final String SUFFIX = ".classpath";

    private ExecutorClassPath() {
    }

    /**
     * The archive's class path, in its order, if its sidecar names exactly the jars {@code shipped} (file URIs), none
     * changed since the archive was made; empty when there is no archive or sidecar, it cannot be read, it names other
     * jars (another build's, another machine's layout) or dwell was built again since (the JVM would refuse the
     * archive): then the jars are shipped as before.
     */
    static Optional<String> of(Path archive, List<String> shipped) {
        Path sidecar = archive.resolveSibling(archive.getFileName() + SUFFIX);
        try {
            List<Path> jars = Files.readAllLines(sidecar).stream().map(String::strip).filter(l -> !l.isEmpty()).map(Path::of).toList();
            List<String> uris = jars.stream().map(j -> j.toAbsolutePath().toUri().toString()).toList();
            FileTime dumped = Files.getLastModifiedTime(archive);
            boolean same = uris.size() == shipped.size() && new HashSet<>(uris).equals(new HashSet<>(shipped));
            for (Path jar : jars) same &= Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).compareTo(dumped) <= 0;
            return same ? Optional.of(String.join(File.pathSeparator, jars.stream().map(Path::toString).toList())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // an unreadable or malformed sidecar is no archive of dwell's classes: the jars are shipped
            return Optional.empty();
        }
    }
}
