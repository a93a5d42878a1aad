package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Regular expressions run in linear time: a classic catastrophic-backtracking pattern against a long hostile
 * line (which takes a backtracking engine longer than the age of the universe) finishes in milliseconds.
 */
class RegexSafetyTest {
    @Test
    void catastrophicPatternOnHostileLineIsFast() {
        String hostile = "a".repeat(30_000) + "!";
        RegexTest nested = new RegexTest("^(a+)+$", false, false, false);
        RegexTest alternation = new RegexTest("^(a|aa)+$", false, false, false);
        RegexTest dotStar = new RegexTest("(.*a){10}b", false, false, true);
        long start = System.nanoTime();
        assertFalse(nested.test(hostile, null));
        assertFalse(alternation.test(hostile, null));
        assertFalse(dotStar.test(hostile, null));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("catastrophic patterns on a 30,000-character line: " + ms + " ms");
        // a backtracking engine needs about 2^30000 steps for the first pattern; RE2/J is linear (the bound is
        // loose because the test machine is shared)
        assertTrue(ms < 1_500, "took " + ms + " ms");
        assertTrue(nested.test("aaaa", null));
    }

    @Test
    void regexFromARuleRunsOnAHostileField() {
        String d = "sel:\n    CommandLine|re: '^(a+)+$'\ncondition: sel";
        Matcher m = Binder.bind(SigmaTesting.load(d).detection(), FieldResolver.IDENTITY);
        EventView view = new EventView().reset(SigmaTesting.event("CommandLine", "a".repeat(30_000) + "X"));
        long start = System.nanoTime();
        assertFalse(m.matches(view));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1_500, "took " + ms + " ms");
    }
}
