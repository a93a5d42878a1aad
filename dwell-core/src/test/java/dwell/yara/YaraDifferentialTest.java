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
 * several encodings, the files of $JAVA_HOME/lib): dwell must report exactly the (rule, file) pairs {@code yara}
 * reports.
 */
class YaraDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void webshellRulesAgreeWithYara() throws Exception {
        Path corpus = tmp.resolve("corpus");
        WebshellCorpus.generate(corpus, false);
        Path jdkLib = Path.of(System.getProperty("java.home")).resolve("lib");
        Set<String> expected = yara(WebshellCorpus.ruleFiles(), corpus, true);
        expected.addAll(yara(WebshellCorpus.ruleFiles(), jdkLib, false));
        Set<String> actual = dwell(WebshellCorpus.ruleFiles(), corpus, true);
        actual.addAll(dwell(WebshellCorpus.ruleFiles(), jdkLib, false));
        assertTrue(expected.size() > 1000, "the corpus must make many rules fire, got " + expected.size());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertEquals(Set.of(), missing, "matched by yara only");
        assertEquals(Set.of(), extra, "matched by dwell only");
    }

    /** What yara reports for the files of {@code dir} (and its subdirectories if {@code recursive}). */
    static Set<String> yara(List<Path> rules, Path dir, boolean recursive) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("yara", "-w", "-p", "2"));
        if (recursive) cmd.add("-r");
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

    static Set<String> dwell(List<Path> rules, Path dir, boolean recursive) throws Exception {
        YaraRules compiled = YaraRules.compile(rules, java.util.Map.of());
        YaraScanner scanner = new YaraScanner(compiled);
        Set<String> out = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            for (RuleMatch m : scanner.scan(f)) out.add(m.rule() + " " + f);
        }
        return out;
    }
}
