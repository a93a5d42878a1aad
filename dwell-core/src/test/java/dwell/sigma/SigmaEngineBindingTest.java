package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.read.ItemReading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A large rule set is bound to the engine in two halves on two threads: the engine must be the one a single thread
 * binds. The reference: engines over runs of fewer rules than start a second thread, each bound on one thread.
 */
class SigmaEngineBindingTest {
    private static final int SMALL = 200;

    @Test
    void sigmaHqWindowsRulesBoundOnTwoThreadsMatchAsBoundOnOneOverTheEvtxSamples() throws IOException {
        RuleSet set = new RuleLoader(Placeholders.none(), dwell.rulecache.RuleCache.off())
                .load(List.of(Corpora.path("sigma/rules/windows")));
        LogsourceMapping mapping = LogsourceMapping.builtin();
        SigmaEngine whole = new SigmaEngine(set.rules(), set.filters(), mapping);
        List<SigmaEngine> parts = new ArrayList<>();
        for (int from = 0; from < set.rules().size(); from += SMALL) {
            parts.add(new SigmaEngine(set.rules().subList(from, Math.min(from + SMALL, set.rules().size())), set.filters(), mapping));
        }
        assertTrue(set.rules().size() > 2000 && SMALL < 256, "the whole set binds on two threads, each part on one");
        assertEquals(parts.stream().mapToInt(SigmaEngine::branchCount).sum(), whole.branchCount());
        List<String> unmapped = new ArrayList<>();
        for (SigmaEngine p : parts) p.unmapped().forEach(u -> unmapped.add(u.rule().id() + " " + u.reason()));
        assertEquals(unmapped, whole.unmapped().stream().map(u -> u.rule().id() + " " + u.reason()).toList(), "same order");

        ConcurrentLinkedQueue<String> fromWhole = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> fromParts = new ConcurrentLinkedQueue<>();
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(Corpora.path("evtx-attack-samples")), new ItemReading(new dwell.inventory.InventoryBuilder().andThen((Event e) -> {
            whole.match(e, (i, r) -> fromWhole.add(e.provenance() + " " + r.id()));
            for (SigmaEngine p : parts) p.match(e, (i, r) -> fromParts.add(e.provenance() + " " + r.id()));
        })));
        Set<String> want = new TreeSet<>(fromParts);
        assertTrue(want.size() > 500, "too few matches: " + want.size());
        assertEquals(want, new TreeSet<>(fromWhole));
        assertEquals(fromParts.size(), fromWhole.size(), "each rule reported once an event, as before");
    }
}
