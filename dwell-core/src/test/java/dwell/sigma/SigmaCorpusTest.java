package dwell.sigma;

import dwell.hunt.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SigmaHQ's rule folders load: at least 99.5% of the files, and every rejection says where and why. */
class SigmaCorpusTest {
    @Test
    void sigmaHqRulesLoad() throws IOException {
        List<Path> dirs = List.of(Corpora.path("sigma/rules"), Corpora.path("sigma/rules-emerging-threats"),
                Corpora.path("sigma/rules-threat-hunting"));
        RuleSet set = new RuleLoader().load(dirs);
        long rejectedFiles = set.rejected().stream().map(Diagnostic::source).distinct().count();
        double ratio = 1.0 - (double) rejectedFiles / set.files();
        System.out.printf("SigmaHQ: %d files, %d documents loaded, %d rejected (%.2f%% of files load)%n",
                set.files(), set.loaded(), set.rejected().size(), ratio * 100);
        set.rejected().forEach(r -> System.out.println("  rejected " + r));
        assertTrue(set.files() > 3000, "corpus looks incomplete: " + set.files());
        assertTrue(ratio >= 0.995, "only " + ratio + " of the SigmaHQ rule files load");
        for (Diagnostic r : set.rejected()) {
            assertFalse(r.reason().isBlank(), "rejection without a reason: " + r);
            assertTrue(r.line() >= 1, r.toString());
        }
    }
}
