package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers' shared sizing of the evidence, {@code dwell_small_evidence} in {@code dwell-jvm-options}, run by sh. */
class JvmOptionsScriptTest {
    private static final Path SCRIPT = Path.of("src/dist/bin/dwell-jvm-options").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void evidenceUnderTheLimitIsSmallAndOverItIsNot() throws Exception {
        Path evidence = sized("evidence/a.log", 1);
        assertEquals(0, smallEvidence(2, evidence.getParent().toString()));
        sized("evidence/b.log", 2);
        assertEquals(1, smallEvidence(2, evidence.getParent().toString()));
    }

    @Test
    void rulesIndicatorsAndOutputAreNotEvidence() throws Exception {
        Path evidence = sized("evidence/a.log", 1).getParent();
        Path big = sized("rules/big.yml", 3).getParent();
        Path bigFile = big.resolve("big.yml");
        for (String option : List.of("--rules", "-r", "--iocs", "-i", "--yara", "-y", "--out", "-o", "--pivot-spill",
                "--parquet")) {
            assertEquals(0, smallEvidence(2, option, big.toString(), evidence.toString()), option);
        }
        assertEquals(0, smallEvidence(2, "--ioc-fields", bigFile.toString(), evidence.toString()));
        // named as evidence, the same folder counts
        assertEquals(1, smallEvidence(2, big.toString(), evidence.toString()));
    }

    @Test
    void noEvidenceNamedGivesTheCallersStatus() throws Exception {
        assertEquals(7, smallEvidenceWithNone(7, "--rules", sized("rules/r.yml", 1).toString()));
    }

    private Path sized(String name, int mb) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength((long) mb << 20);
        }
        return f;
    }

    private static int smallEvidence(int limitMb, String... args) throws Exception {
        return run(limitMb, 0, args);
    }

    private static int smallEvidenceWithNone(int none, String... args) throws Exception {
        return run(1, none, args);
    }

    private static int run(int limitMb, int none, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ". \"$0\"; dwell_small_evidence \"$@\"", SCRIPT.toString(),
                Integer.toString(limitMb), Integer.toString(none)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        assertEquals("", out);
        return status;
    }
}
