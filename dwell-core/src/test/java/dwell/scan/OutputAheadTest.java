package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scan renders of its output while it pivots is what the folder would hold without it, byte for byte. */
class OutputAheadTest {
    private static final List<String> FILES = List.of("findings.jsonl", "inventory.json", "summary.json", "incidents.json");

    @TempDir
    Path tmp;

    private static ScanRequest examples() {
        return new ScanRequest(List.of(Corpora.repoRoot().resolve("examples")), RuleSources.builtinOnly(), null, null,
                Level.INFORMATIONAL, 2, CatalogLimits.DEFAULT, PivotSettings.defaults());
    }

    private void assertSameFolders(Path expected, Path actual) throws Exception {
        for (String f : FILES) assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
    }

    @Test
    void thePipelineHandsOverTheHuntBeforeThePivotWhoseFindingsTheOutcomeKeeps() throws Exception {
        AtomicReference<HuntResult> hunted = new AtomicReference<>();
        ScanOutcome o = ScanPipeline.run(examples(), Progress.NONE, hunted::set);
        assertNotNull(hunted.get());
        // the pivot adds findings of its own and keeps the hunt's objects: those are the lines rendered ahead
        assertTrue(o.findings().size() > hunted.get().findings().size());
        Map<String, Finding> byId = new HashMap<>();
        for (Finding f : o.findings()) byId.put(f.id(), f);
        int kept = 0;
        for (Finding f : hunted.get().findings()) {
            if (byId.get(f.id()) == f) kept++;
        }
        assertTrue(kept > hunted.get().findings().size() / 2, kept + " of " + hunted.get().findings().size());
        assertSame(hunted.get().inventory(), o.hunt().inventory());
    }

    @Test
    void theFolderIsTheOneWrittenWithoutItWhateverTheBudget() throws Exception {
        OutputAhead ahead = new OutputAhead();
        ScanOutcome o = ScanPipeline.run(examples(), Progress.NONE, ahead);
        ScanWriter.write(tmp.resolve("plain"), o);
        ScanWriter.write(tmp.resolve("ahead"), o, ahead);
        assertSameFolders(tmp.resolve("plain"), tmp.resolve("ahead"));
        // a budget met after the first line: the other lines are rendered as they are written
        OutputAhead small = new OutputAhead(1);
        small.accept(o.hunt());
        OutputAhead.Rendered first = small.take();
        assertEquals(1, first.lines().size());
        ScanWriter.write(tmp.resolve("small"), o, first);
        assertSameFolders(tmp.resolve("plain"), tmp.resolve("small"));
        // handed over once: a second write renders every line itself
        assertTrue(small.take().lines().isEmpty());
    }

    @Test
    void theLinesRenderedAheadAreTheOnesWritten() throws Exception {
        ScanOutcome o = ScanPipeline.run(examples());
        Finding first = o.findings().get(0);
        Map<String, String> event = new LinkedHashMap<>(first.event());
        event.put("Marker", "as rendered ahead");
        Finding marked = new Finding(first.id(), first.time(), first.detector(), first.rule(), first.host(), first.evidence(),
                event, first.indicators(), first.details());
        List<Finding> findings = new java.util.ArrayList<>(o.findings());
        findings.set(0, marked);
        HuntResult h = new HuntResult(o.hunt().inventory(), findings, o.hunt().events(), o.hunt().eventsInWindow(), List.of());
        ScanOutcome outcome = new ScanOutcome(h, o.report(), o.pivot());
        OutputAhead ahead = new OutputAhead();
        ahead.accept(h);
        OutputAhead.Rendered rendered = ahead.take();
        // changed after it was rendered (a finding's event never changes in a scan): the line written is the one rendered
        event.put("Marker", "changed since");
        ScanWriter.write(tmp, outcome, rendered);
        String line = Files.readAllLines(tmp.resolve("findings.jsonl")).get(0);
        assertTrue(line.contains("\"Marker\":\"as rendered ahead\""), line);
    }
}
