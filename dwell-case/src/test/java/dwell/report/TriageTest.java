package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import dwell.casefile.RunInfo;
import dwell.casefile.Triage;
import dwell.casefile.TriageStatus;
import dwell.testkit.CaseFixture;
import dwell.text.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: triage decisions in the case (history kept, the latest counts) and in the reports. */
class TriageTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    @TempDir
    Path tmp;
    Path db;

    @BeforeEach
    void caseFile() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 5);
        db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, new RunInfo("dwell scan x", "0.1.0", "d", T, T));
        }
    }

    @Test
    void decisionsAreAppendedAndTheLatestIsCurrentEvenWithinOneClockTick() throws Exception {
        try (CaseFile c = CaseFile.open(db)) {
            c.triage(new Triage("f1", TriageStatus.CONFIRMED, "shell", "ana", T));
            c.triage(new Triage("f1", TriageStatus.FALSE_POSITIVE, "backup job", "bob", T));
            c.triage(new Triage("f2", TriageStatus.BENIGN, null, "ana", T.plusSeconds(5)));
            QueryResult all = c.query("SELECT finding_id, status, note, analyst, time FROM triage ORDER BY seq");
            assertEquals(3, all.rows().size(), "history kept");
            assertEquals(List.of("f1", "confirmed", "shell", "ana", "2024-05-01T10:00:00Z"), all.rows().get(0));
            QueryResult now = c.query("SELECT finding_id, status, note, analyst, decisions FROM " + Triage.CURRENT + " ORDER BY finding_id");
            assertEquals(List.of("f1", "false-positive", "backup job", "bob", 2L), now.rows().get(0));
            assertEquals(List.of("f2", "benign", "ana", 1L), List.of(now.rows().get(1).get(0), now.rows().get(1).get(1),
                    now.rows().get(1).get(3), now.rows().get(1).get(4)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.triage(new Triage("nope", TriageStatus.BENIGN, null, "ana", T)));
            assertTrue(e.getMessage().contains("no finding nope"), e.getMessage());
        }
    }

    @Test
    void statusesAreTheFourIdsAndADecisionIsWhole() {
        assertEquals(List.of("needs-review", "confirmed", "false-positive", "benign"),
                java.util.Arrays.stream(TriageStatus.values()).map(TriageStatus::id).toList());
        assertEquals(TriageStatus.FALSE_POSITIVE, TriageStatus.parse("false-positive"));
        assertThrows(IllegalArgumentException.class, () -> TriageStatus.parse("FALSE_POSITIVE"));
        assertThrows(IllegalArgumentException.class, () -> TriageStatus.parse(null));
        assertThrows(IllegalArgumentException.class, () -> new Triage("", TriageStatus.BENIGN, null, "a", T));
        assertThrows(IllegalArgumentException.class, () -> new Triage("f1", null, null, "a", T));
        assertThrows(IllegalArgumentException.class, () -> new Triage("f1", TriageStatus.BENIGN, "x".repeat(Triage.MAX_NOTE + 1), "a", T));
    }

    @Test
    void reportsShowTheCurrentDecision() throws Exception {
        try (CaseFile c = CaseFile.open(db)) {
            c.triage(new Triage("hostile0", TriageStatus.CONFIRMED, "first", "ana", T));
            c.triage(new Triage("hostile0", TriageStatus.FALSE_POSITIVE, "=cmd|' /C calc'!A0 " + CaseFixture.PAYLOADS.get(0), "bob", T));
        }
        Path jsonl = tmp.resolve("f.jsonl");
        Reports.write(db, Reports.Kind.jsonl, jsonl, "o", "amber", 50);
        int triaged = 0;
        for (String l : Files.readAllLines(jsonl)) {
            JsonNode f = Json.MAPPER.readTree(l);
            if (!f.has("triage")) continue;
            triaged++;
            assertEquals("hostile0", f.get("id").asText());
            assertEquals("false-positive", f.get("triage").get("status").asText());
            assertEquals("bob", f.get("triage").get("analyst").asText());
            assertEquals("2024-05-01T10:00:00Z", f.get("triage").get("time").asText());
        }
        assertEquals(1, triaged, "only a decided finding carries triage");
        Path csv = tmp.resolve("t.csv");
        Reports.write(db, Reports.Kind.csv, csv, "o", "amber", 50);
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).endsWith(",event,triage_status,triage_note"), rows.get(0));
        String row = rows.stream().filter(r -> r.contains(",hostile0,")).findFirst().orElseThrow();
        assertTrue(row.contains(",false-positive,'=cmd|"), "formula defused: " + row);
        StringWriter html = new StringWriter();
        try (CaseFile c = CaseFile.openExisting(db)) {
            HtmlReport.writeFindingsJson(c, html);
        }
        assertTrue(html.toString().contains("\"false-positive: =cmd|' /C calc'!A0 \\u003Cscript\\u003E"), "status and note, script-safe");
    }

    @Test
    void aCaseFromBeforeTriageStillReports() throws Exception {
        try (CaseFile c = CaseFile.open(db)) {
            c.connection().createStatement().execute("DROP TABLE triage");
        }
        try (CaseFile c = CaseFile.openExisting(db)) {
            assertFalse(c.hasTriage());
        }
        Path jsonl = tmp.resolve("f.jsonl");
        Reports.write(db, Reports.Kind.jsonl, jsonl, "o", "amber", 50);
        Reports.write(db, Reports.Kind.html, tmp.resolve("r.html"), "o", "amber", 50);
        assertEquals(13, Files.readAllLines(jsonl).size());
        try (CaseFile c = CaseFile.open(db)) {
            assertTrue(c.hasTriage(), "opened for writing, it gains the table");
        }
    }
}
