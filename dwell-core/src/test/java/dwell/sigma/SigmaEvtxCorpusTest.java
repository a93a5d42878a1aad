package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.inventory.InventoryBuilder;
import dwell.read.ItemReading;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SigmaHQ's Windows rules over the real attack EVTX samples: the prefilter loses nothing, threads change nothing. */
class SigmaEvtxCorpusTest {
    static RuleSet rules;
    static Path samples;

    @BeforeAll
    static void load() throws IOException {
        rules = new RuleLoader().load(List.of(Corpora.path("sigma/rules/windows")));
        samples = Corpora.path("evtx-attack-samples");
    }

    @Test
    void prefilterLosesNoMatch() throws IOException {
        SigmaEngine fast = new SigmaEngine(rules.rules(), rules.filters(), LogsourceMapping.builtin(), true);
        SigmaEngine all = new SigmaEngine(rules.rules(), rules.filters(), LogsourceMapping.builtin(), false);
        ConcurrentLinkedQueue<String> a = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> b = new ConcurrentLinkedQueue<>();
        InventoryBuilder inv = new InventoryBuilder();
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(samples), new ItemReading(inv.andThen((Event e) -> {
            fast.match(e, (i, r) -> a.add(e.provenance() + " " + r.id()));
            all.match(e, (i, r) -> b.add(e.provenance() + " " + r.id()));
        })));
        Set<String> sa = new TreeSet<>(a);
        Set<String> sb = new TreeSet<>(b);
        System.out.println("EVTX samples: " + inv.build().totalEvents() + " events, " + sb.size() + " rule matches");
        assertTrue(inv.build().totalEvents() > 5000);
        assertTrue(sb.size() > 500, "too few matches: " + sb.size());
        assertEquals(sb, sa);
    }

    @Test
    void findingsAreTheSameWhateverTheThreadCount() throws IOException {
        List<Finding> one = scan(1);
        List<Finding> two = scan(2);
        assertEquals(one.size(), two.size());
        assertEquals(one, two);
        for (Finding f : one) {
            assertTrue(f.evidence().sha256() != null && f.evidence().sha256().length() == 64, f.toString());
            assertTrue(f.rule().level().compareTo(Level.MEDIUM) >= 0);
        }
        List<Finding> sorted = new ArrayList<>(one);
        sorted.sort(HuntEngine.ORDER);
        assertEquals(sorted, one);
    }

    private List<Finding> scan(int threads) throws IOException {
        SigmaDetector d = new SigmaDetector(rules, LogsourceMapping.builtin());
        // two folders keep the test short; the prefilter test above reads them all
        HuntResult r = new HuntEngine(List.of(d), new ScanOptions(null, null, Level.MEDIUM, threads), CatalogLimits.DEFAULT)
                .run(List.of(samples.resolve("Lateral Movement"), samples.resolve("Execution")));
        return r.findings();
    }
}
