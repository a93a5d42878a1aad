package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.Corpora;
import dwell.evidence.CatalogLimits;
import dwell.hunt.DetectorReport;
import dwell.hunt.Diagnostic;
import dwell.hunt.Level;
import dwell.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan as a library call: a request in, an outcome out, the scan folder written by one writer. */
class ScanPipelineTest {
    @TempDir
    Path tmp;

    private static ScanRequest examples(RuleSources rules, PivotSettings pivot, int threads) {
        return new ScanRequest(List.of(Corpora.repoRoot().resolve("examples")), rules, null, null, Level.INFORMATIONAL,
                threads, CatalogLimits.DEFAULT, pivot);
    }

    @Test
    void examplesGiveTheStorysIncidentsAndAFolderTheCaseCanImport() throws Exception {
        ScanOutcome o = ScanPipeline.run(examples(RuleSources.builtinOnly(), PivotSettings.defaults(), 2));
        assertEquals(3, o.pivot().incidents().size(), o.pivot().incidents().toString());
        assertEquals("2019-04-11T09:12:44Z", o.pivot().incidents().get(0).first().toString());
        assertEquals("complete", o.pivot().status());
        // the built-in pack reports its rules and its sections through the detector interface
        assertTrue(o.report().rules() > 30);
        assertTrue(o.report().rejected().isEmpty(), o.report().rejected().toString());
        assertTrue(o.report().sections().get("exchange").containsKey("log_coverage"));
        assertTrue(o.report().sections().get("exchange").containsKey("ioc_feeds"));
        ScanWriter.write(tmp, o);
        for (String f : List.of("findings.jsonl", "inventory.json", "summary.json", "incidents.json")) {
            assertTrue(Files.size(tmp.resolve(f)) > 0, f);
        }
        assertEquals(o.findings().size(), Files.readAllLines(tmp.resolve("findings.jsonl")).size());
        JsonNode summary = Json.MAPPER.readTree(tmp.resolve("summary.json").toFile());
        assertEquals(o.findings().size(), summary.get("findings").asInt());
        assertEquals(o.report().rules(), summary.get("rules").get("loaded").asInt());
        assertEquals("complete", summary.get("pivot").get("status").asText());
        assertTrue(summary.get("exchange").get("log_coverage").get(0).has("around_start"));
    }

    @Test
    void theSameFindingsWhateverTheThreadsAndNoIncidentsWithoutThePivot() throws Exception {
        PivotSettings off = new PivotSettings(false, 3, List.of(), null, PivotSettings.defaults().budget());
        ScanOutcome one = ScanPipeline.run(examples(RuleSources.builtinOnly(), off, 1));
        ScanOutcome two = ScanPipeline.run(examples(RuleSources.builtinOnly(), off, 2));
        assertEquals(one.findings(), two.findings());
        assertEquals("off", one.pivot().status());
        assertTrue(one.pivot().incidents().isEmpty());
        ScanWriter.write(tmp, one);
        assertFalse(Files.exists(tmp.resolve("incidents.json")));
    }

    @Test
    void aYaraRuleThatDoesNotCompileIsTheInputsFaultWithItsSubject() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yar"), "rule x { condition: nope }");
        RuleSources rules = new RuleSources(List.of(), List.of(), List.of(), List.of(), null, List.of(bad), 0, false, false);
        ScanInputException e = assertThrows(ScanInputException.class,
                () -> ScanPipeline.run(examples(rules, PivotSettings.defaults(), 1)));
        assertEquals("yara", e.subject());
    }

    @Test
    void reportsToOneSectionMerge() {
        DetectorReport r = new DetectorReport();
        r.rules(3);
        r.rules(4);
        r.rejected(List.of(new Diagnostic("a.yml", 2, "bad")));
        r.section("exchange", Map.of("exposure_start", "2021-01-06", "log_coverage", List.of("x")));
        r.section("exchange", Map.of("ioc_feeds", List.of("f"), "log_coverage", List.of("y")));
        assertEquals(7, r.rules());
        assertEquals("a.yml:2: bad", r.rejected().get(0).toString());
        assertEquals(List.of("x", "y"), r.sections().get("exchange").get("log_coverage"));
        assertEquals(List.of("f"), r.sections().get("exchange").get("ioc_feeds"));
        assertEquals("2021-01-06", r.sections().get("exchange").get("exposure_start"));
    }
}
