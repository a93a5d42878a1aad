package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dwell scan and dwell rules check, end to end through ./dwell on the real EVTX samples and SigmaHQ rules. */
class ScanCommandIT {
    @TempDir
    Path tmp;

    private static String evidence() {
        return Dwell.corpus("evtx-attack-samples/Credential Access").toString();
    }

    private static String rules() {
        return Dwell.corpus("sigma/rules/windows/builtin").toString();
    }

    @Test
    void scanWritesFindingsInventoryAndSummary() throws Exception {
        Path out = tmp.resolve("out");
        // --no-pivot: this test is about the Sigma findings' shape (the pivot has its own tests)
        Dwell.Result r = Dwell.run("scan", evidence(), "--rules", rules(), "--out", out.toString(), "--threads", "2", "--no-pivot");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("findings written to"), r.out());
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
        assertTrue(lines.size() > 10, "findings: " + lines.size());
        for (String line : lines) {
            JsonNode f = Json.MAPPER.readTree(line);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) keys.add(it.next());
            assertEquals(List.of("id", "time", "detector", "rule", "host", "evidence", "event", "indicators"), keys.subList(0, 8));
            assertEquals("sigma", f.get("detector").asText());
            assertTrue(f.get("rule").has("tags") && f.get("rule").has("level") && f.get("rule").has("title"));
            assertEquals(64, f.get("evidence").get("sha256").asText().length(), line);
            assertEquals("evtx", f.get("evidence").get("format").asText());
            assertTrue(f.get("evidence").get("record").asLong() > 0);
            assertTrue(f.get("event").has("EventID"), line);
        }
        JsonNode inv = Json.MAPPER.readTree(out.resolve("inventory.json").toFile());
        assertTrue(inv.get("items").size() > 5);
        assertTrue(inv.get("total_events").asLong() > 100);
        JsonNode sum = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(lines.size(), sum.get("findings").asInt());
        assertTrue(sum.get("by_level").has("high"));
        assertTrue(sum.get("top_rules").size() > 0);
        assertTrue(sum.get("rules").get("loaded").asInt() > 100);
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCount() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Dwell.run("scan", evidence(), "--rules", rules(), "--out", a.toString(), "--threads", "1").exit());
        assertEquals(0, Dwell.run("scan", evidence(), "--rules", rules(), "--out", b.toString(), "--threads", "2").exit());
        assertEquals(Files.readString(a.resolve("findings.jsonl")), Files.readString(b.resolve("findings.jsonl")));
        assertEquals(Files.readString(a.resolve("inventory.json")), Files.readString(b.resolve("inventory.json")));
    }

    @Test
    void failOnMinLevelAndTimeWindow() throws Exception {
        Path out = tmp.resolve("o");
        Dwell.Result fail = Dwell.run("scan", evidence(), "--rules", rules(), "--out", out.toString(), "--fail-on", "medium");
        assertEquals(3, fail.exit(), fail.err());
        long all = Files.readAllLines(out.resolve("findings.jsonl")).size();
        Dwell.Result high = Dwell.run("scan", evidence(), "--rules", rules(), "--out", out.toString(), "--min-level", "critical");
        assertEquals(0, high.exit());
        for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
            assertEquals("critical", Json.MAPPER.readTree(l).get("rule").get("level").asText());
        }
        Dwell.Result none = Dwell.run("scan", evidence(), "--rules", rules(), "--out", out.toString(), "--until", "2000-01-01");
        assertEquals(0, none.exit());
        assertEquals(0, Files.readAllLines(out.resolve("findings.jsonl")).size());
        assertTrue(all > 0);
    }

    @Test
    void badRulesAreReportedAndTheOthersRun() throws Exception {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("bad.yml"), "title: bad\nlogsource: {product: windows, service: security}\n"
                + "detection:\n    sel:\n        EventID|contians: 4624\n    condition: sel\n");
        Files.writeString(rules.resolve("tabs.yml"), "title: tabs\nlogsource:\n\tproduct: windows\n");
        Files.writeString(rules.resolve("good.yml"), "title: any security event\nid: good-1\nlevel: low\n"
                + "logsource: {product: windows, service: security}\ndetection:\n    sel:\n        EventID|exists: true\n    condition: sel\n");
        Path out = tmp.resolve("o");
        Dwell.Result r = Dwell.run("scan", evidence(), "--rules", rules.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readAllLines(out.resolve("findings.jsonl")).size() > 0);
        JsonNode sum = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(2, sum.get("rejected_rules").size());
        String reasons = sum.get("rejected_rules").toString();
        assertTrue(reasons.contains("bad.yml:5: search 'sel': field 'EventID|contians': unknown modifier 'contians'"), reasons);
        assertTrue(reasons.contains("tabs.yml:3: malformed YAML"), reasons);

        Dwell.Result check = Dwell.run("rules", "check", rules.toString(), "--format", "json");
        assertEquals(0, check.exit(), check.err());
        JsonNode c = Json.MAPPER.readTree(check.out());
        assertEquals(1, c.get("loaded").asInt());
        assertEquals(2, c.get("rejected").size());
        assertTrue(c.get("rejected").get(0).get("reason").asText().matches(".*\\.yml:\\d+: .+"));
        assertEquals(1, c.get("by_kind").get("detection").asInt());
    }

    @Test
    void rulesCheckOnSigmaHq() throws Exception {
        Dwell.Result r = Dwell.run("rules", "check", Dwell.corpus("sigma/rules/windows/builtin").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("detection"), r.out());
    }

    @Test
    void usageErrors() throws Exception {
        assertEquals(2, Dwell.run("scan", evidence(), "--rules", tmp.resolve("nope").toString(), "--out", tmp.toString()).exit());
        assertEquals(2, Dwell.run("scan", evidence(), "--min-level", "severe", "--out", tmp.toString()).exit());
        assertEquals(2, Dwell.run("scan", evidence(), "--since", "yesterday", "--out", tmp.toString()).exit());
        assertEquals(2, Dwell.run("rules", "check", tmp.resolve("nope").toString()).exit());
    }
}
