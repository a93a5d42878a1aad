package dwell.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A field item's tests indexed by the last character of the value: a case-insensitive suffix or equality test
 * over a text ending in an ASCII character can only match a value ending in that character (either case), so an
 * item listing dozens of {@code endswith} values runs the few that can match, not all. Tests of other shapes run
 * on every value; so do all tests on a value ending outside ASCII (where case folding is wider) or empty.
 */
final class EndIndex {
    /** From this many tests (and as many indexed ones) on, the index spares more than it costs. */
    private static final int FROM = 4;

    private final ValueTest[] tests;
    /**
     * Built at the item's first value, not when the rules are bound (most items never run in a scan). Threads
     * racing to build it build equal tables; the table's final field publishes it whole.
     */
    private Table table;

    /** Per ASCII character (lower case for letters), the tests that can match a value ending in it, in the item's order; null when too few tests are indexed. */
    private record Table(ValueTest[][] byLast) {
    }

    private EndIndex(ValueTest[] tests) {
        this.tests = tests;
    }

    /** An index over an item's tests, or null when they are too few to need one. */
    static EndIndex of(ValueTest[] tests) {
        return tests.length < FROM ? null : new EndIndex(tests);
    }

    /** The tests that can match the value (not null), in the item's order. */
    ValueTest[] candidates(String value) {
        Table t = table;
        if (t == null) table = t = build(tests);
        ValueTest[][] by = t.byLast();
        int n = value.length();
        if (by == null || n == 0) return tests;
        char c = value.charAt(n - 1);
        return c < 128 ? by[c] : tests;
    }

    private static Table build(ValueTest[] tests) {
        char[] needs = new char[tests.length];
        int indexed = 0;
        for (int i = 0; i < tests.length; i++) if ((needs[i] = last(tests[i])) != 0) indexed++;
        if (indexed < FROM) return new Table(null);
        // one pass over the tests per distinct last character, not per character
        ValueTest[] unindexed = select(tests, needs, (char) 0);
        ValueTest[][] byLast = new ValueTest[128][];
        Arrays.fill(byLast, unindexed);
        for (char want : needs) {
            if (want == 0 || byLast[want] != unindexed) continue;
            byLast[want] = select(tests, needs, want);
            if (want >= 'a' && want <= 'z') byLast[want - 32] = byLast[want];
        }
        return new Table(byLast);
    }

    /** The tests needing that last character or none, in their order. */
    private static ValueTest[] select(ValueTest[] tests, char[] needs, char want) {
        List<ValueTest> out = new ArrayList<>();
        for (int i = 0; i < tests.length; i++) if (needs[i] == 0 || needs[i] == want) out.add(tests[i]);
        return out.toArray(ValueTest[]::new);
    }

    /** The last character a test needs the value to end with (lower case), or 0 when it is not indexed. */
    private static char last(ValueTest t) {
        return t instanceof StringTest s ? s.lastNeeded() : 0;
    }
}
