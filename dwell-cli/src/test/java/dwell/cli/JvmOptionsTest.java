package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT choice of the launchers' shared dwell-jvm-options for a scan, by the size of the evidence named. */
class JvmOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void smallEvidenceIsScannedWithC1Alone() throws Exception {
        String opts = commandOptions("scan", evidence("small", 1L << 20).toString());
        assertTrue(opts.startsWith("-XX:TieredStopAtLevel=1 "), opts);
    }

    @Test
    void largeEvidenceKeepsTheJvmsTieredCompilation() throws Exception {
        // 130 MB (the limit is 128): full tiered compilation with the JVM's own thresholds, C2 for the hot loops
        assertEquals("", commandOptions("scan", evidence("large", 130L << 20).toString(), "--no-case"));
    }

    /** A folder holding one sparse file of {@code size} bytes (the launcher adds up sizes, it reads no content). */
    private Path evidence(String name, long size) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("u_ex190101.log").toFile(), "rw")) {
            f.setLength(size);
        }
        return dir;
    }

    /** dwell_cmd_opts after sourcing the options file in sh and calling dwell_jvm_options with {@code args}. */
    private static String commandOptions(String... args) throws Exception {
        Path file = Dwell.root().resolve("dwell-cli/src/dist/bin/dwell-jvm-options");
        String script = ". \"$0\" && dwell_jvm_options \"$@\" && printf %s \"$dwell_cmd_opts\"";
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, file.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DWELL_JAVA_OPTS");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "sh did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
