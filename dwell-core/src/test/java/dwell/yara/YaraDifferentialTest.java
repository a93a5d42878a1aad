package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-shell rules of signature-base over a generated corpus (files made of the rules' own strings, text in
 * several encodings, the JDK's own files): dwell must report exactly the (rule, file) pairs {@code yara} reports.
 */
class YaraDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void webshellRulesAgreeWithYara() throws Exception {
        Path corpus = tmp.resolve("corpus");
        WebshellCorpus.generate(corpus, true);
        Set<String> expected = yara(WebshellCorpus.ruleFiles(), corpus);
        Set<String> actual = dwell(WebshellCorpus.ruleFiles(), corpus);
        assertTrue(expected.size() > 1000, "the corpus must make many rules fire, got " + expected.size());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertEquals(Set.of(), missing, "matched by yara only");
        assertEquals(Set.of(), extra, "matched by dwell only");
    }

    static Set<String> yara(List<Path> rules, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("yara", "-w", "-r", "-p", "2"));
        rules.forEach(r -> cmd.add(r.toString()));
        cmd.add(dir.toString());
        Path out = Files.createTempFile("yara", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "yara did not finish");
            assertEquals(0, p.exitValue(), "yara failed");
            return new TreeSet<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Set<String> dwell(List<Path> rules, Path dir) throws Exception {
        YaraRules compiled = YaraRules.compile(rules, java.util.Map.of());
        YaraScanner scanner = new YaraScanner(compiled);
        Set<String> out = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            for (RuleMatch m : scanner.scan(f)) out.add(m.rule() + " " + f);
        }
        return out;
    }
}
