package dwell.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkContext;

/** The jars of the driver's class path that a cluster's executors fetch to run dwell's tasks (Spark's {@code spark.jars}). */
final class ExecutorJars {
    private static final String DRIVER_ONLY = "driver-only-jars.txt";

    private ExecutorJars() {
    }

    /** This JVM's: its class path's jars but Spark's own (the executors have them) and the driver's alone. */
    static List<String> ofThisJvm() {
        return of(System.getProperty("java.class.path"), folderOf(SparkContext.class), driverOnly());
    }

    /** The jars of {@code classPath}, as URIs, but those in {@code spark}'s folder and those named by a driver-only prefix. */
    static List<String> of(String classPath, Path spark, List<String> driverOnly) {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) continue;
            Path p = Path.of(entry).toAbsolutePath();
            String name = p.getFileName().toString();
            if (spark != null && spark.equals(p.getParent())) continue;
            if (driverOnly.stream().noneMatch(name::startsWith)) jars.add(p.toUri().toString());
        }
        return jars;
    }

    /** The prefixes of {@value #DRIVER_ONLY}, comments and blank lines left out. */
    static List<String> driverOnly() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(ExecutorJars.class.getResourceAsStream(DRIVER_ONLY), DRIVER_ONLY), StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folderOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
