package dwell.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A field item's tests indexed by the last character of the value: a case-insensitive suffix or equality test
 * over a text ending in an ASCII character can only match a value ending in that character (either case), so an
 * item listing dozens of {@code endswith} values runs the few that can match, not all. Tests of other shapes run
 * on every value; so do all tests on a value ending outside ASCII (where case folding is wider) or empty.
 */
final class EndIndex {
    /** From this many indexed tests on, the index spares more than it costs. */
    private static final int FROM = 4;

    /** Per ASCII character (lower case for letters), the item's tests that can match a value ending in it, in their order. */
    private final ValueTest[][] byLast;
    private final ValueTest[] every;

    private EndIndex(ValueTest[][] byLast, ValueTest[] every) {
        this.byLast = byLast;
        this.every = every;
    }

    /** The index of an item's tests, or null when too few of them are suffix or equality tests to need one. */
    static EndIndex of(ValueTest[] tests) {
        int indexed = 0;
        for (ValueTest t : tests) if (last(t) != 0) indexed++;
        if (indexed < FROM) return null;
        ValueTest[][] byLast = new ValueTest[128][];
        ValueTest[] unindexed = null;
        for (char c = 0; c < 128; c++) {
            char want = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            List<ValueTest> run = new ArrayList<>();
            boolean any = false;
            for (ValueTest t : tests) {
                char l = last(t);
                if (l == 0 || l == want) run.add(t);
                any |= l != 0 && l == want;
            }
            if (any) {
                byLast[c] = run.toArray(ValueTest[]::new);
            } else {
                if (unindexed == null) unindexed = run.toArray(ValueTest[]::new);
                byLast[c] = unindexed;
            }
        }
        return new EndIndex(byLast, tests);
    }

    /** The last character a test needs the value to end with (lower case), or 0 when it is not indexed. */
    private static char last(ValueTest t) {
        return t instanceof StringTest s ? s.lastNeeded() : 0;
    }

    /** The tests that can match the value (not null), in the item's order. */
    ValueTest[] candidates(String value) {
        int n = value.length();
        if (n == 0) return every;
        char c = value.charAt(n - 1);
        return c < 128 ? byLast[c] : every;
    }
}
