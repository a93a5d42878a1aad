package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.hunt.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleAcceptanceTest {
    private static final String GOOD = """
            title: Good
            logsource: {category: webserver}
            detection:
                sel:
                    cs-uri-stem|contains: '/evil/'
                condition: sel
            """;
    /** The same rule with a misspelt modifier, on line 5. */
    private static final String BAD = GOOD.replace("Good", "Bad").replace("|contains", "|contians");
    private static final String CORRELATION_OF_NOTHING = """
            title: Count of nothing
            correlation:
                type: event_count
                rules: [no-such-rule]
                group-by: [c-ip]
                timespan: 1h
                condition: {gte: 10}
            """;

    @TempDir
    Path dir;

    private Optional<String> refusal(boolean strict, Path... given) throws IOException {
        RuleSet set = new RuleLoader().load(List.of(given));
        List<Diagnostic> rejected = new ArrayList<>(set.rejected());
        rejected.addAll(new SigmaDetector(set, LogsourceMapping.builtin()).problems());
        return RuleAcceptance.refusal(List.of(given), set, rejected, strict);
    }

    @Test
    void aFileNamedThatLoadsWholeIsAccepted() throws IOException {
        assertEquals(Optional.empty(), refusal(false, Files.writeString(dir.resolve("good.yml"), GOOD)));
    }

    @Test
    void aFileNamedWithARejectedRuleIsRefusedWithItsReason() throws IOException {
        Path f = Files.writeString(dir.resolve("two.yml"), GOOD + "---\n" + BAD);
        String why = refusal(false, f).orElseThrow();
        assertEquals(f + ":12: search 'sel': field 'cs-uri-stem|contians': unknown modifier 'contians'", why);
    }

    @Test
    void aRejectedRuleInAFolderIsReportedButTheFolderAccepted() throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Files.writeString(dir.resolve("bad.yml"), BAD);
        assertEquals(Optional.empty(), refusal(false, dir));
    }

    @Test
    void strictRefusesARejectedRuleInAFolder() throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Path bad = Files.writeString(dir.resolve("bad.yml"), BAD);
        String why = refusal(true, dir).orElseThrow();
        assertEquals(bad + ":5: search 'sel': field 'cs-uri-stem|contians': unknown modifier 'contians'"
                + " (--strict refuses any rejected rule)", why);
    }

    @Test
    void aFolderGivingNoRuleIsRefused() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.yml"), BAD);
        Files.writeString(rules.resolve("readme.txt"), GOOD);
        assertEquals(rules + ": no Sigma rule loaded (1 rejected; a folder's rule files end in .yml or .yaml)",
                refusal(false, rules).orElseThrow());
    }

    @Test
    void oneEmptyFolderAmongGoodOnesIsStillRefused() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yml"), GOOD);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(empty + ": no Sigma rule loaded (0 rejected; a folder's rule files end in .yml or .yaml)",
                refusal(false, good, empty).orElseThrow());
    }

    @Test
    void aCorrelationThatCannotRunInAFileNamedIsRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("corr.yml"), GOOD + "---\n" + CORRELATION_OF_NOTHING);
        assertEquals(f + ":8: correlation names unknown rule 'no-such-rule'", refusal(false, f).orElseThrow());
    }
}
