package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a rule folder are rule files: .yml and .yaml, any case, by the file's name alone. */
class RuleLoaderNamesTest {
    @TempDir
    Path dir;

    @Test
    void yamlSuffixesInAnyCaseAreRuleFiles() {
        for (String yes : List.of("a.yml", "b.YAML", "c.Yml", "x/d.yaml", ".yml", "x.yml/e.yaml")) assertTrue(RuleLoader.isYaml(Path.of(yes)), yes);
        for (String no : List.of("a.yml.txt", "b.yaml.bak", "c", "yml", "x.yml/f", "d.ym", "e.xyaml", "f.y\u0131ml")) {
            assertFalse(RuleLoader.isYaml(Path.of(no)), no);
        }
    }

    @Test
    void aFolderWalkLoadsThoseAlone() throws IOException {
        String rule = "title: t\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 1}\n  condition: sel\n";
        for (String name : List.of("a.yml", "b.YAML", "c.Yml", "d.yml.txt", "e.yaml.bak", "f")) Files.writeString(dir.resolve(name), rule);
        RuleSet set = new RuleLoader(Placeholders.none(), RuleCache.off()).load(List.of(dir));
        TreeSet<String> loaded = new TreeSet<>();
        for (SigmaRule r : set.rules()) loaded.add(Path.of(r.origin().path()).getFileName().toString());
        assertEquals(new TreeSet<>(List.of("a.yml", "b.YAML", "c.Yml")), loaded);
    }
}
