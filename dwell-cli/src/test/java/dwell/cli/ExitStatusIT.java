package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.text.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit statuses of DESIGN.md's contract, end to end: 2 for each usage or input error of issue 18, with one line
 * on stderr naming the thing and the reason and never a Java stack trace (which only --debug shows).
 */
class ExitStatusIT {
    private static final String BAD_RULE = TestRules.EVIL_REQUEST.replace("cs-uri-stem|contains", "cs-uri-stem|contians");

    @TempDir
    static Path tmp;
    static Path good;
    static Path bad;
    static Path mixed;

    @BeforeAll
    static void rules() throws IOException {
        good = Files.writeString(tmp.resolve("good.yml"), TestRules.EVIL_REQUEST);
        bad = Files.writeString(tmp.resolve("bad.yml"), BAD_RULE);
        mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.writeString(mixed.resolve("good.yml"), TestRules.EVIL_REQUEST);
        Files.writeString(mixed.resolve("bad.yml"), BAD_RULE);
    }

    /** Asserts status 2 and a single stderr line that names {@code what}, with no trace; returns the run. */
    private static Dwell.Result usageError(String what, String... args) throws Exception {
        Dwell.Result r = Dwell.run(args);
        assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r.err());
        assertNoTrace(r);
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("dwell: ") && last.contains(what), "the last line should name " + what + ":\n" + r.err());
        return r;
    }

    static void assertNoTrace(Dwell.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), r.err());
        assertFalse(r.err().matches("(?s).*\\b(java|dwell|org)\\.[\\w.]+(Exception|Error)\\b.*"), r.err());
    }

    @Test
    void everyReadingCommandRefusesZeroThreads() throws Exception {
        Path out = tmp.resolve("zero-threads");
        usageError("--threads", "scan", "examples", "--out", out.toString(), "-t", "0");
        assertFalse(Files.exists(out), "nothing is written before the options are checked");
        usageError("--threads", "inventory", "examples", "-t", "0");
        usageError("--threads", "traffic", "examples", "--threads", "-1");
    }

    @Test
    void rulesCheckOfANamedFileThatDoesNotLoad() throws Exception {
        Dwell.Result r = usageError(bad + ":7: search 'sel': field 'cs-uri-stem|contians': unknown modifier 'contians'",
                "rules", "check", bad.toString());
        // the report is printed all the same
        assertTrue(r.out().contains("Loaded 0 of 1 rule documents"), r.out());
        Dwell.Result json = Dwell.run("rules", "check", "--format", "json", bad.toString(), good.toString());
        assertEquals(2, json.exit(), json.err());
        assertEquals(1, Json.MAPPER.readTree(json.out()).get("loaded").asInt());
    }

    @Test
    void rulesCheckOfAFolderReportsRejectedRulesAndSucceedsUnlessStrict() throws Exception {
        Dwell.Result r = Dwell.run("rules", "check", mixed.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rejected: " + mixed.resolve("bad.yml") + ":7:"), r.out());
        usageError("(--strict refuses any rejected rule)", "rules", "check", "--strict", mixed.toString());
    }

    @Test
    void aFolderWithoutRulesLoadsNone() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        usageError(empty + ": no Sigma rule loaded", "rules", "check", empty.toString());
        usageError("--rules: " + empty + ": no Sigma rule loaded", "scan", "examples/", "--rules", empty.toString(),
                "--out", tmp.resolve("o-empty").toString());
    }

    @Test
    void scanWithANamedRuleFileThatDoesNotLoadDoesNotStart() throws Exception {
        Path out = tmp.resolve("o-bad");
        Dwell.Result r = usageError("--rules: " + bad + ":7:", "scan", "examples/", "--rules", bad.toString(), "--out", out.toString());
        assertEquals("", r.out());
        assertFalse(Files.exists(out.resolve("findings.jsonl")));
    }

    @Test
    void scanWithARejectedRuleInAFolderGoesOnUnlessStrict() throws Exception {
        Path out = tmp.resolve("o-mixed");
        Dwell.Result r = Dwell.run("scan", "examples/", "--rules", mixed.toString(), "--no-pivot", "--no-case", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("findings.jsonl")));
        usageError("--rules: " + mixed.resolve("bad.yml") + ":7:", "scan", "examples/", "--rules", mixed.toString(), "--strict",
                "--out", tmp.resolve("o-strict").toString());
    }

    @Test
    void scanWithNoRuleAtAll() throws Exception {
        usageError("--no-builtin: no rule to hunt with", "scan", "examples/", "--no-builtin", "--out", tmp.resolve("o-none").toString());
    }

    @Test
    void scanWithAnInvertedTimeWindow() throws Exception {
        usageError("--since 2021-03-05 is after --until 2021-03-01", "scan", "examples/", "--since", "2021-03-05", "--until",
                "2021-03-01", "--out", tmp.resolve("o-window").toString());
        // one day is a window: --until's date means its end
        Dwell.Result day = Dwell.run("scan", "examples/", "--since", "2021-03-03", "--until", "2021-03-03", "--no-pivot",
                "--no-case", "--out", tmp.resolve("o-day").toString());
        assertEquals(0, day.exit(), day.err());
    }

    @Test
    void hadoopEvidenceAndParquetTablesNeedSpark() throws Exception {
        usageError("hdfs://127.0.0.1:9/evidence is a Hadoop file system URI: dwell reads it only in a scan with --spark MASTER",
                "scan", "hdfs://127.0.0.1:9/evidence", "--out", tmp.resolve("o-hdfs").toString());
        usageError("s3a://bucket/triage is a Hadoop file system URI", "inventory", "s3a://bucket/triage");
        usageError("--parquet is written by Spark's writer: give --spark MASTER too", "scan", "examples/", "--parquet",
                tmp.resolve("tables").toString(), "--out", tmp.resolve("o-parquet").toString());
        assertFalse(Files.exists(tmp.resolve("tables")), "no table was written");
    }

    @Test
    void scanChecksTheOutputFolderBeforeItStarts() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Dwell.Result r = usageError("--out: cannot write the output folder " + file.resolve("out"), "scan", "examples/",
                "--out", file.resolve("out").toString());
        assertEquals("", r.out(), "nothing was scanned");
        usageError("--out examples holds the evidence examples/EXCH01", "scan", "examples/EXCH01", "--out", "examples");
    }

    @Test
    void probeThatCannotConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Dwell.Result r = usageError("--probe: cannot connect: http://127.0.0.1:" + port + "/owa/: connection refused",
                "exposure", "--probe", "http://127.0.0.1:" + port + "/owa/", "--timeout", "5");
        // the assessment of what could be judged is printed all the same
        assertTrue(r.out().contains("127.0.0.1"), r.out());
    }

    @Test
    void noCommand() throws Exception {
        Dwell.Result bare = usageError("no command given; one of: inventory, scan", new String[0]);
        assertEquals("", bare.out());
        assertTrue(bare.err().startsWith("Usage: dwell"), bare.err());
        usageError("dwell evtx: no command given; one of: dump", "evtx");
        usageError("dwell rules: no command given; one of: check", "rules");
    }

    @Test
    void queryOfAFileThatIsNoCase() throws Exception {
        Path notCase = Files.writeString(tmp.resolve("not-a-case.duckdb"), "just text\n");
        usageError(notCase + ": not a readable dwell case file", "query", notCase.toString(), "SELECT 1");
        usageError(notCase + ": not a readable dwell case file", "report", notCase.toString(), "--format", "html");
        Dwell.Result debug = Dwell.run("query", notCase.toString(), "SELECT 1", "--debug");
        assertEquals(2, debug.exit());
        assertTrue(debug.err().contains("\tat dwell.cli.CaseArgument.open"), "--debug shows the trace:\n" + debug.err());
    }

    @Test
    void reportToAnOutputThatCannotBeWritten() throws Exception {
        Path out = tmp.resolve("o-report");
        assertEquals(0, Dwell.run("scan", "examples/", "--no-pivot", "--out", out.toString()).exit());
        Path blocked = Files.writeString(tmp.resolve("blocked"), "x").resolve("report.html");
        usageError("--out: cannot write " + blocked, "report", out.resolve("case.duckdb").toString(), "--format", "html",
                "--out", blocked.toString());
    }

    @Test
    void outOfMemoryIsOneLine() throws Exception {
        Dwell.Result r = Dwell.run(Map.of("DWELL_JAVA_OPTS", "-Xmx8m"), "scan", "examples/", "--no-case",
                "--out", tmp.resolve("o-oom").toString());
        assertEquals(1, r.exit(), r.err());
        assertNoTrace(r);
        assertTrue(r.err().strip().matches("dwell: out of memory \\(Java heap of \\d+ MiB\\): give the JVM more, e\\.g\\. "
                + "DWELL_JAVA_OPTS=-Xmx8g, or hunt less at once \\(--debug shows the Java stack trace\\)"), r.err());
    }
}
