package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.CaseFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule set's digest a case records is the same whether the warm-up thread or the case stage works it out; the
 * case the warm-up opens is the one the stage writes, and a scan that ends without it leaves the folder as it was.
 */
class CaseStageTest {
    @TempDir
    Path tmp;

    /** The digest as the case's runs table documents it, worked out here from the files themselves. */
    private static String expected(List<Path> sortedFiles, boolean builtin) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(((builtin ? "builtin " : "") + Main.version()).getBytes(StandardCharsets.UTF_8));
        for (Path f : sortedFiles) {
            md.update(f.toString().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void theWarmUpsDigestIsTheRuleFilesDigest() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules/sub"));
        Files.writeString(rules.resolve("b.yml"), "title: b\n");
        Files.writeString(tmp.resolve("rules/a.yml"), "title: a\n");
        Path feed = Files.writeString(tmp.resolve("feed.txt"), "1.2.3.4\n");
        List<Path> sources = List.of(tmp.resolve("rules"), feed);
        String want = expected(List.of(feed, tmp.resolve("rules/a.yml"), rules.resolve("b.yml")), true);

        CaseStage warm = new CaseStage();
        Thread t = warm.warmUp(tmp.resolve("out"), sources, true);
        assertEquals(want, warm.rulesDigest(sources, true));
        warm.finish(t);
        assertFalse(t.isAlive());

        CaseStage cold = new CaseStage();
        assertEquals(want, cold.rulesDigest(sources, true), "without a warm-up the stage works it out itself");

        CaseStage noCase = new CaseStage();
        noCase.noCase = true;
        Thread never = noCase.warmUp(tmp.resolve("none"), sources, false);
        assertFalse(never.isAlive(), "no case, no warm-up");
        noCase.finish(never);
        assertFalse(Files.exists(tmp.resolve("none")), "no case, no case file");
        assertEquals(expected(List.of(feed, tmp.resolve("rules/a.yml"), rules.resolve("b.yml")), false),
                noCase.rulesDigest(sources, false));
    }

    @Test
    void aScanThatEndsWithoutItsCaseLeavesNoCaseFileItCreated() throws Exception {
        Path out = tmp.resolve("out");
        CaseStage stage = new CaseStage();
        Thread t = stage.warmUp(out, List.of(), false);
        t.join();
        assertTrue(Files.exists(out.resolve("case.duckdb")), "the warm-up opens the case while the scan hunts");
        stage.finish(t);
        assertFalse(Files.exists(out.resolve("case.duckdb")));
        assertFalse(Files.exists(out.resolve("case.duckdb.wal")));
    }

    @Test
    void aScanThatEndsWithoutItsCaseLeavesAnEarlierCaseAsItWas() throws Exception {
        Path out = tmp.resolve("out");
        Path db = out.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.connection().createStatement().execute("INSERT INTO runs (run_id, command_line) VALUES (1, 'dwell scan x')");
        }
        CaseStage stage = new CaseStage();
        Thread t = stage.warmUp(out, List.of(), false);
        stage.finish(t);
        try (CaseFile c = CaseFile.openExisting(db)) {
            assertEquals(List.of(List.of(1, "dwell scan x")), c.query("SELECT run_id, command_line FROM runs").rows());
        }
    }

    @Test
    void theCaseStageWritesIntoTheCaseTheWarmUpOpened() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("findings.jsonl"), "");
        CaseStage stage = new CaseStage();
        Thread t = stage.warmUp(out, List.of(), false);
        List<Path> written = stage.write(out, List.of("scan", "x"), List.of(), false, java.time.Instant.EPOCH);
        stage.finish(t);
        assertEquals(List.of(out.resolve("case.duckdb"), out.resolve("report.html")), written);
        try (CaseFile c = CaseFile.openExisting(out.resolve("case.duckdb"))) {
            assertEquals(List.of(List.of(1, "dwell scan x")), c.query("SELECT run_id, command_line FROM runs").rows());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("1 run(s)"));
    }
}
