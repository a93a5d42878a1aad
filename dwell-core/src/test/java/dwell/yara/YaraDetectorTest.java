package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.evidence.EvidenceItem;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YARA findings for dwell scan: detector id, rule id, level from meta, kept meta, matched strings. */
class YaraDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void emitsOneFindingPerMatchingRule() throws Exception {
        Path rules = Files.writeString(tmp.resolve("r.yar"), """
                rule shell : webshell php { meta: description = "PHP eval of POST" author = "a" reference = "https://x"
                  score = 85 strings: $e = "eval($_POST" condition: $e }
                rule plain { strings: $p = "<?php" condition: $p }
                rule sev { meta: severity = "low" description = "  " condition: filesize > 0 }
                rule long_one { meta: description = "Detects a web shell  that evaluates the body of a POST request, as China Chopper and its many descendants do on IIS and Apache servers" condition: filesize > 0 }
                rule quiet { strings: $q = "nothing here" condition: $q }
                """);
        YaraDetector d = YaraDetector.fromFiles(List.of(rules), Map.of());
        assertEquals("yara", d.id());
        assertTrue(d.wantsItems());
        Path file = Files.writeString(tmp.resolve("x.php"), "<?php eval($_POST['c']); ?>");
        EvidenceItem item = new EvidenceItem("web.zip!/x.php", 28, Instant.parse("2021-03-03T00:00:00Z"), "ab", FormatId.UNKNOWN);
        List<Finding> out = new ArrayList<>();
        d.onItem(item, file, out::add);
        assertEquals(List.of("shell", "plain", "sev", "long_one"), out.stream().map(f -> f.rule().id()).toList());
        Finding shell = out.get(0);
        assertEquals("yara", shell.detector());
        assertEquals("YARA: PHP eval of POST (shell)", shell.rule().title());
        assertEquals("PHP eval of POST", shell.rule().meta().get("description"));
        assertEquals(Level.CRITICAL, shell.rule().level());
        assertEquals(List.of("webshell", "php"), shell.rule().tags());
        assertEquals("a", shell.rule().meta().get("author"));
        assertEquals("https://x", shell.rule().meta().get("reference"));
        assertEquals("web.zip!/x.php", shell.evidence().path());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> strings = (List<Map<String, Object>>) shell.details().get("strings");
        assertEquals(Map.of("identifier", "$e", "offset", 6L, "data", "eval($_POST"), strings.get(0));
        assertEquals(YaraDetector.DEFAULT_LEVEL, out.get(1).rule().level());
        assertEquals("YARA: plain", out.get(1).rule().title());
        assertEquals(Level.LOW, out.get(2).rule().level());
        assertEquals("YARA: sev", out.get(2).rule().title(), "a blank description is none");
        // a long description on one line, cut; kept whole in the meta
        assertEquals("YARA: Detects a web shell that evaluates the body of a POST request, as China Chopper and its many "
                + "desc... (long_one)", out.get(3).rule().title());
        assertTrue(out.get(3).rule().meta().get("description").endsWith("on IIS and Apache servers"));
    }

    @Test
    void levelsFromScore() {
        assertEquals(Level.CRITICAL, YaraDetector.level(Map.of("score", 80L)));
        assertEquals(Level.HIGH, YaraDetector.level(Map.of("score", 70L)));
        assertEquals(Level.MEDIUM, YaraDetector.level(Map.of("score", "60")));
        assertEquals(Level.LOW, YaraDetector.level(Map.of("score", 40L)));
        assertEquals(Level.INFORMATIONAL, YaraDetector.level(Map.of("score", 10L)));
        assertEquals(Level.MEDIUM, YaraDetector.level(Map.of("severity", "Medium", "score", 90L)));
        assertEquals(YaraDetector.DEFAULT_LEVEL, YaraDetector.level(Map.of()));
    }

    @Test
    void unreadableItemsGiveNoFindingAndNoException() throws Exception {
        YaraDetector d = new YaraDetector(new YaraCompiler().addSource("rule t { condition: true }", "t.yar").build());
        List<Finding> out = new ArrayList<>();
        d.onItem(new EvidenceItem("gone", 0, null, null, FormatId.UNKNOWN), tmp.resolve("gone"), out::add);
        assertEquals(List.of(), out);
    }
}
