package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pivot index on 64 MB of generated multi-year IIS logs (bench/PivotLogGen.java, about 400,000 events) with a
 * small heap: the index that kept ~120 bytes an event ran out of memory here at -Xmx128m (exit 1, a stack
 * trace); this one fits, spills beyond its budget without changing a byte of output, stops at its disk budget
 * saying so (pivoting on what it indexed, or skipping the pivot), and never spills into the evidence.
 */
class PivotIndexIT {
    /** PivotLogGen's planted actor: first seen 2019-04-11 09:14:02, last 2021-03-03 08:03:30. */
    private static final String FIRST_TRACE = "2019-04-11T09:14:02Z";
    private static final Map<String, String> SMALL_HEAP = Map.of("DWELL_JAVA_OPTS", "-Xmx96m");

    @TempDir
    static Path tmp;
    static Path logs;
    static Path seed;
    static Path full;
    static Dwell.Result fullRun;

    @BeforeAll
    static void generateAndScan() throws Exception {
        Path data = tmp.resolve("data");
        Process gen = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Dwell.root().resolve("bench/PivotLogGen.java").toString(), data.toString(), "64").inheritIO().start();
        assertTrue(gen.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, gen.exitValue());
        logs = data.resolve("logs");
        seed = data.resolve("seed.txt");
        full = tmp.resolve("full");
        fullRun = scan(full, SMALL_HEAP);
    }

    private static Dwell.Result scan(Path out, Map<String, String> env, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", logs.toString(), "--no-builtin", "--iocs", seed.toString(),
                "--no-case", "--out", out.toString()));
        args.addAll(List.of(more));
        return Dwell.run(env, args.toArray(String[]::new));
    }

    private static JsonNode pivot(Path out) throws Exception {
        return Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("pivot");
    }

    @Test
    void aSmallHeapIndexesEveryEventAndDatesTheIntrusion() throws Exception {
        assertEquals(0, fullRun.exit(), fullRun.err());
        assertFalse(fullRun.err().contains("OutOfMemoryError"), fullRun.err());
        assertFalse(fullRun.err().contains("Exception"), fullRun.err());
        JsonNode p = pivot(full);
        assertEquals("complete", p.get("status").asText(), p.toString());
        JsonNode summary = Json.MAPPER.readTree(full.resolve("summary.json").toFile());
        assertEquals(summary.get("events").asLong(), p.get("index_events").asLong(), "every event carries an address");
        assertTrue(p.get("index_events").asLong() > 300_000, p.toString());
        // everything the index keeps in memory, dictionary included, at most 40 bytes an event
        assertTrue(p.get("index_bytes").asLong() <= 40 * p.get("index_events").asLong(), p.toString());
        assertEquals(0, p.get("index_disk_bytes").asLong(), "a quarter of the heap holds it all");
        JsonNode inc = Json.MAPPER.readTree(full.resolve("incidents.json").toFile()).get("incidents").get(0);
        assertEquals(FIRST_TRACE, inc.get("first").asText());
        assertEquals("2021-03-03T08:03:30Z", inc.get("last").asText());
        assertEquals(692, inc.get("dwell_days").asLong());
    }

    @Test
    void spillingAndThreadsChangeNoByteOfTheOutput() throws Exception {
        Path spilled = tmp.resolve("spilled");
        Path spill = tmp.resolve("spill");
        Dwell.Result r = scan(spilled, SMALL_HEAP, "--pivot-memory", "256k", "--pivot-spill", spill.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = pivot(spilled);
        assertEquals("complete", p.get("status").asText(), p.toString());
        assertTrue(p.get("index_disk_bytes").asLong() > 5 * p.get("index_bytes").asLong(), p.toString());
        assertEquals(Files.readString(full.resolve("findings.jsonl")), Files.readString(spilled.resolve("findings.jsonl")));
        assertEquals(Files.readString(full.resolve("incidents.json")), Files.readString(spilled.resolve("incidents.json")));
        try (var left = Files.list(spill)) {
            assertEquals(List.of(), left.toList(), "spill files deleted at the end");
        }
    }

    @Test
    void aSmallDiskBudgetLimitsThePivotSaysSoAndKeepsEveryDetectorFinding() throws Exception {
        // 6 MiB: the first pass stops at its quarter, the pivot runs on what was indexed
        Path limited = tmp.resolve("limited");
        Dwell.Result r = scan(limited, SMALL_HEAP, "--pivot-memory", "256k", "--pivot-disk", "6m");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        JsonNode p = pivot(limited);
        assertEquals("limited", p.get("status").asText(), p.toString());
        assertTrue(p.get("limit").asText().startsWith("the spill folder reached its disk budget of 6.0 MiB (--pivot-disk)"), p.toString());
        long events = Json.MAPPER.readTree(limited.resolve("summary.json").toFile()).get("events").asLong();
        assertTrue(p.get("unindexed_events").asLong() > 0, p.toString());
        assertEquals(events, p.get("index_events").asLong() + p.get("unindexed_events").asLong(), p.toString());
        assertTrue(r.out().startsWith("Pivot limited: the spill folder reached its disk budget of 6.0 MiB"), r.out());
        assertEquals(detectorFindings(full), detectorFindings(limited), "every detector finding is written");
        // 64 KiB: not even the postings of the first pass's quarter fit, so the pivot is skipped (at 1 MiB they do since
        // the seal writes no sorted runs beside them)
        Path skipped = tmp.resolve("skipped");
        r = scan(skipped, SMALL_HEAP, "--pivot-memory", "256k", "--pivot-disk", "64k");
        assertEquals(0, r.exit(), r.err());
        p = pivot(skipped);
        assertEquals("skipped", p.get("status").asText(), p.toString());
        assertTrue(p.get("limit").asText().contains("disk budget of 64.0 KiB (--pivot-disk)"), p.toString());
        assertTrue(r.out().startsWith("Pivot skipped: "), r.out());
        assertFalse(Files.readString(skipped.resolve("findings.jsonl")).contains("\"detector\":\"pivot\""));
        assertEquals(detectorFindings(full), detectorFindings(skipped), "every detector finding is written");
    }

    private static List<String> detectorFindings(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl")).stream()
                .filter(l -> !l.contains("\"detector\":\"pivot\"")).toList();
        assertFalse(lines.isEmpty());
        return lines;
    }

    @Test
    void aSpillFolderInsideTheEvidenceIsRefused() throws Exception {
        Path inside = logs.resolve("spill");
        Dwell.Result r = scan(tmp.resolve("refused"), Map.of(), "--pivot-spill", inside.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("is inside the evidence"), r.err());
        assertFalse(Files.exists(inside));
        Dwell.Result bad = scan(tmp.resolve("bad"), Map.of(), "--pivot-memory", "lots");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--pivot-memory: not a byte count: 'lots'"), bad.err());
    }
}
