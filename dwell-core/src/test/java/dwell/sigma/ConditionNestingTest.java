package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile nesting in Sigma rules is rejected with file:line: nesting deeper than 100, never a stack overflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConditionNestingTest {
    @TempDir
    Path dir;

    private static String rule(String condition) {
        return SigmaTesting.rule("sel:\n    EventID: 4688\ncondition: " + condition);
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void parenthesesFiveThousandDeepAreRejectedAtTheConditionLine() throws Exception {
        Files.writeString(dir.resolve("deep.yml"), rule(nested("(", "sel", ")", 5000)));
        Files.writeString(dir.resolve("good.yml"), SigmaTesting.rule("sel:\n    A: x\ncondition: sel").replace("test-1", "good-1"));
        RuleSet set = new RuleLoader().load(List.of(dir));
        assertEquals(1, set.rules().size(), "the other rule still loads");
        Diagnostic d = set.rejected().get(0);
        assertEquals(dir.resolve("deep.yml") + ":10: nesting deeper than 100", d.toString());
    }

    @Test
    void notsFiveThousandDeepAreRejected() {
        assertEquals("nesting deeper than 100", SigmaTesting.reject(rule("not ".repeat(5000) + "sel")).reason());
    }

    @Test
    void nestingAtTheLimitLoadsAndMatches() {
        assertTrue(SigmaTesting.matches("sel:\n    EventID: 4688\ncondition: " + nested("(", "sel", ")", 99), "EventID", "4688"));
        SigmaTesting.reject(rule(nested("(", "sel", ")", 101)));
    }

    @Test
    void aHundredThousandTermRunLoadsAndEvaluates() {
        String chain = String.join(" or ", java.util.Collections.nCopies(100_000, "sel"));
        assertTrue(SigmaTesting.matches("sel:\n    EventID: 4688\ncondition: " + chain, "EventID", "4688"));
        assertTrue(SigmaTesting.matches("sel:\n    EventID: 4688\ncondition: not " + chain, "EventID", "1"));
        String mixed = chain.replace(" or ", " and not ");
        assertTrue(!SigmaTesting.matches("sel:\n    EventID: 4688\ncondition: " + mixed, "EventID", "4688"));
    }

    @Test
    void yamlNestedAHundredThousandDeepIsRejectedAtItsLine() {
        String yaml = "title: x\nid: deep-yaml\nlogsource:\n  product: windows\ndetection:\n  sel:\n    EventID: "
                + nested("[", "1", "]", 100_000) + "\n  condition: sel\n";
        Diagnostic d = SigmaTesting.reject(yaml);
        assertEquals("bad.yml:7: nesting deeper than 100", d.toString());
    }
}
