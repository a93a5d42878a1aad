package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorClassPathTest {
    @TempDir
    Path tmp;
    private Path archive;
    private Path cli;
    private Path core;
    private Path spark;

    @BeforeEach
    void jars() throws IOException {
        cli = Files.writeString(tmp.resolve("dwell-cli.jar"), "jar");
        core = Files.writeString(tmp.resolve("dwell-core-0.1.0.jar"), "jar");
        spark = Files.writeString(tmp.resolve("dwell-spark.jar"), "jar");
        archive = tmp.resolve("dwell-executor.jsa");
        Files.writeString(archive, "an archive");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(spark).toMillis() + 1000));
    }

    private void sidecar(String text) throws IOException {
        Files.writeString(tmp.resolve("dwell-executor.jsa" + ExecutorClassPath.SUFFIX), text);
    }

    private static List<String> uris(Path... jars) {
        return java.util.Arrays.stream(jars).map(p -> p.toUri().toString()).toList();
    }

    @Test
    void theSidecarsJarsInItsOrderWhenTheyAreTheJarsTheDriverWouldShip() throws IOException {
        sidecar(cli + "\n" + core + "\n" + spark + "\n");
        // the driver's order may differ: the archive's is the one its executors must have
        assertEquals(Optional.of(String.join(File.pathSeparator, cli.toString(), core.toString(), spark.toString())),
                ExecutorClassPath.of(archive, uris(spark, cli, core)));
    }

    @Test
    void noSidecarAnUnreadableOneOrOtherJarsShipAsBefore() throws IOException {
        List<String> shipped = uris(cli, core, spark);
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        // another build's jars: one fewer, one more, one elsewhere
        sidecar(cli + "\n" + core + "\n");
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        sidecar(cli + "\n" + core + "\n" + spark + "\n" + tmp.resolve("extra.jar") + "\n");
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        sidecar(cli + "\n" + core + "\n" + tmp.resolve("elsewhere/dwell-spark.jar") + "\n");
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        // the right names, but a jar gone since the archive was made
        sidecar(cli + "\n" + core + "\n" + spark + "\n");
        Files.delete(core);
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        // dwell built again after the archive was made
        Files.writeString(core, "jar");
        Files.setLastModifiedTime(core, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 1000));
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        Files.setLastModifiedTime(core, Files.getLastModifiedTime(archive));
        assertEquals(Optional.of(String.join(File.pathSeparator, cli.toString(), core.toString(), spark.toString())),
                ExecutorClassPath.of(archive, shipped));
        Files.delete(archive);
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        Files.writeString(archive, "an archive");
        // not a list of paths at all
        sidecar("a\0b\n");
        assertEquals(Optional.empty(), ExecutorClassPath.of(archive, shipped));
        Files.createDirectory(tmp.resolve("x.jsa" + ExecutorClassPath.SUFFIX));
        assertEquals(Optional.empty(), ExecutorClassPath.of(tmp.resolve("x.jsa"), shipped));
    }
}
