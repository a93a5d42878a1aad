package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large rule set loads on two threads: what it gives is, in order, what loading each file alone gives. */
class RuleLoaderThreadsTest {
    @TempDir
    Path dir;

    /** The files' rule sets joined in file order, each file loaded alone (on one thread). */
    private static RuleSet oneByOne(List<Path> files) throws IOException {
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<dwell.hunt.Diagnostic> rejected = new ArrayList<>();
        int n = 0;
        for (Path f : files) {
            RuleSet s = new RuleLoader(Placeholders.none(), RuleCache.off()).load(List.of(f));
            rules.addAll(s.rules());
            correlations.addAll(s.correlations());
            filters.addAll(s.filters());
            rejected.addAll(s.rejected());
            n += s.files();
        }
        return new RuleSet(rules, correlations, filters, rejected, n);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void sigmaHqWindowsRulesLoadAsOneFileAtATime() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows");
        List<Path> files = files(rules);
        assertTrue(files.size() > RuleLoader.PARALLEL_FILES * 10);
        RuleSet all = new RuleLoader(Placeholders.none(), RuleCache.off()).load(List.of(rules));
        assertEquals(RuleSetRendering.of(oneByOne(files)), RuleSetRendering.of(all));
    }

    @Test
    void rejectionsOnBothSidesOfTheSplitKeepTheirOrder() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (int i = 0; i < RuleLoader.PARALLEL_FILES * 2; i++) {
            String body = i % 7 == 3 ? "title: [unclosed\n"
                    : i % 11 == 5 ? "title: bad " + i + "\nlogsource: {product: windows}\ndetection:\n  sel: {A|nosuch: x}\n  condition: sel\n"
                    : "title: r" + i + "\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: " + i + "}\n  condition: sel\n"
                    + "---\ntitle: second " + i + "\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 1}\n  condition: sel\n";
            Files.writeString(rules.resolve(String.format("r%03d.yml", i)), body);
        }
        RuleSet all = new RuleLoader(Placeholders.none(), RuleCache.off()).load(List.of(rules));
        assertTrue(all.rejected().size() > 20, all.rejected().toString());
        assertEquals(RuleSetRendering.of(oneByOne(files(rules))), RuleSetRendering.of(all));
    }
}
