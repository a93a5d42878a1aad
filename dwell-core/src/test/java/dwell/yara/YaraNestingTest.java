package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile nesting in YARA rules is rejected with file:line:col: nesting deeper than 100, never a stack overflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class YaraNestingTest {
    private static List<YaraSyntaxError> errors(String src) {
        return new YaraCompiler().addSource(src, "deep.yar").errors();
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static void assertRejected(String src, String where) {
        List<YaraSyntaxError> e = errors(src);
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).getMessage().startsWith(where), e.get(0).getMessage());
        assertTrue(e.get(0).getMessage().contains("nesting deeper than 100"), e.get(0).getMessage());
    }

    private static boolean matches(String src, String data) throws YaraSyntaxError {
        YaraRules rules = new YaraCompiler().addSource(src, "t.yar").build();
        return !new YaraScanner(rules).scan(data.getBytes(StandardCharsets.ISO_8859_1)).isEmpty();
    }

    @Test
    void conditionTwentyThousandDeepIsRejected() {
        assertRejected("rule deep {\n condition: " + nested("(", "true", ")", 20_000) + " }", "deep.yar:2:");
    }

    @Test
    void unaryOperatorsTwentyThousandDeepAreRejected() {
        assertRejected("rule n { condition: " + "not ".repeat(20_000) + "true }", "deep.yar:1:");
        assertRejected("rule m { condition: " + "-".repeat(20_000) + "1 == 1 }", "deep.yar:1:");
        assertRejected("rule i { condition: " + nested("uint8(", "0", ")", 20_000) + " == 0 }", "deep.yar:1:");
    }

    @Test
    void arithmeticRunTwentyThousandLongIsRejected() {
        assertRejected("rule a { condition: " + String.join(" + ", Collections.nCopies(20_000, "1")) + " > 0 }", "deep.yar:1:");
    }

    @Test
    void booleanRunOfAHundredThousandCompilesAndEvaluates() throws Exception {
        String run = String.join(" or ", Collections.nCopies(100_000, "false"));
        assertTrue(matches("rule r { condition: " + run + " or true }", "x"));
        assertTrue(!matches("rule r { condition: " + run + " }", "x"));
        String all = String.join(" and ", Collections.nCopies(100_000, "$a"));
        assertTrue(matches("rule r { strings: $a = \"x\" condition: " + all + " }", "x"));
    }

    @Test
    void nestingAtTheLimitCompiles() throws Exception {
        // the condition itself is one level, so 99 parentheses fit
        assertTrue(matches("rule r { condition: " + nested("(", "true", ")", 99) + " }", "x"));
        assertRejected("rule r { condition: " + nested("(", "true", ")", 100) + " }", "deep.yar:1:");
    }

    @Test
    void regexGroupsAndQuantifiersDeepAreRejected() {
        assertRejected("rule r { strings: $a = /" + nested("(", "a", ")", 5_000) + "/ condition: $a }", "deep.yar:1:");
        assertRejected("rule r { strings: $a = /a" + "*".repeat(5_000) + "/ condition: $a }", "deep.yar:1:");
        assertRejected("rule r { condition: \"a\" matches /" + nested("(", "a", ")", 5_000) + "/ }", "deep.yar:1:");
    }

    @Test
    void hexAlternativesDeepAreRejected() {
        assertRejected("rule r { strings: $a = { 61 " + nested("( ", "62", " )", 5_000) + " } condition: $a }", "deep.yar:1:");
    }

    @Test
    void aRejectedFileLeavesTheOtherFilesCompiling() throws Exception {
        YaraCompiler c = new YaraCompiler()
                .addSource("rule deep { condition: " + nested("(", "true", ")", 20_000) + " }", "deep.yar")
                .addSource("rule ok { strings: $a = \"hello\" condition: $a }", "ok.yar");
        assertEquals(1, c.errors().size());
        assertTrue(c.errors().get(0).getMessage().startsWith("deep.yar:1:"), c.errors().get(0).getMessage());
    }
}
