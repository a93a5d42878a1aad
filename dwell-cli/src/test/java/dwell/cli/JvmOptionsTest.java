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

/** The launchers' shared dwell-jvm-options, run by sh: the size of the evidence named, and the JIT choice it makes for a scan. */
class JvmOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void smallEvidenceIsScannedWithC1Alone() throws Exception {
        String opts = commandOptions("scan", evidence("small", 1L << 20).toString());
        assertTrue(opts.startsWith("-XX:TieredStopAtLevel=1 "), opts);
    }

    @Test
    void smallScanPromotesWhatSurvivesItsFirstYoungCollection() throws Exception {
        String small = evidence("small", 1L << 20).toString();
        List<String> opts = List.of(commandOptions("scan", small).split(" "));
        assertTrue(opts.containsAll(List.of("-XX:+UseSerialGC", "-XX:MaxTenuringThreshold=0")), opts.toString());
        // a Spark driver keeps its own collector, and with it the JVM's tenuring
        assertEquals("-XX:TieredStopAtLevel=1", commandOptions("scan", small, "--spark", "local[1]"));
    }

    @Test
    void largeEvidenceKeepsTheJvmsTieredCompilation() throws Exception {
        // 130 MB (the limit is 128): full tiered compilation with the JVM's own thresholds, C2 for the hot loops
        assertEquals("", commandOptions("scan", evidence("large", 130L << 20).toString(), "--no-case"));
    }

    @Test
    void evidenceUnderTheLimitIsSmallAndOverItIsNot() throws Exception {
        Path evidence = evidence("evidence", 1L << 20);
        assertEquals(0, smallEvidence(2, 0, evidence.toString()));
        assertEquals(1, smallEvidence(1, 0, evidence.toString()));
    }

    @Test
    void rulesIndicatorsAndOutputAreNotEvidence() throws Exception {
        Path evidence = evidence("evidence", 1L << 20);
        Path big = evidence("rules", 3L << 20);
        for (String option : List.of("--rules", "-r", "--iocs", "-i", "--yara", "-y", "--out", "-o", "--pivot-spill",
                "--parquet")) {
            assertEquals(0, smallEvidence(2, 0, option, big.toString(), evidence.toString()), option);
        }
        assertEquals(0, smallEvidence(2, 0, "--ioc-fields", big.resolve("u_ex190101.log").toString(), evidence.toString()));
        // named as evidence, the same folder counts
        assertEquals(1, smallEvidence(2, 0, big.toString(), evidence.toString()));
    }

    @Test
    void noEvidenceNamedGivesTheCallersStatus() throws Exception {
        assertEquals(7, smallEvidence(1, 7, "--rules", evidence("rules", 1L << 20).toString()));
    }

    /** A folder holding one sparse file of {@code size} bytes (the launcher adds up sizes, it reads no content). */
    private Path evidence(String name, long size) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("u_ex190101.log").toFile(), "rw")) {
            f.setLength(size);
        }
        return dir;
    }

    /** The exit status of dwell_small_evidence LIMIT_MB NONE ARGS... (0: the evidence is under the limit). */
    private static int smallEvidence(int limitMb, int none, String... args) throws Exception {
        List<String> call = new ArrayList<>(List.of(Integer.toString(limitMb), Integer.toString(none)));
        call.addAll(List.of(args));
        Process p = sh("dwell_small_evidence \"$@\"", call);
        assertEquals("", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "sh did not finish");
        return p.exitValue();
    }

    /** dwell_cmd_opts after sourcing the options file in sh and calling dwell_jvm_options with {@code args}. */
    private static String commandOptions(String... args) throws Exception {
        Process p = sh("dwell_jvm_options \"$@\" && printf %s \"$dwell_cmd_opts\"", List.of(args));
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "sh did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** sh running {@code script} with the options file sourced and {@code args} as its arguments, output and errors merged. */
    private static Process sh(String script, List<String> args) throws IOException {
        Path file = Dwell.root().resolve("dwell-cli/src/dist/bin/dwell-jvm-options");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ". \"$0\" && " + script, file.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DWELL_JAVA_OPTS");
        return pb.start();
    }
}
