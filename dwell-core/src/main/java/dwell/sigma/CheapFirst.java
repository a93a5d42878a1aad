package dwell.sigma;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Reorders the operands of every and/or of a matcher cheapest first (by a rough cost: a string comparison is cheap,
 * a regex or a keyword search over all values is not), so that a failing cheap test spares the costly ones.
 * Matchers have no side effects, so the order never changes a result.
 */
final class CheapFirst {
    private CheapFirst() {
    }

    static Matcher order(Matcher m) {
        if (m instanceof Matcher.And a) return new Matcher.And(sorted(a.operands()));
        if (m instanceof Matcher.Or o) return new Matcher.Or(sorted(o.operands()));
        if (m instanceof Matcher.Not n) return new Matcher.Not(order(n.operand()));
        return m;
    }

    private static Matcher[] sorted(Matcher[] operands) {
        Matcher[] out = new Matcher[operands.length];
        for (int i = 0; i < out.length; i++) out[i] = order(operands[i]);
        // stable: equal costs keep the rule's order
        Arrays.sort(out, Comparator.comparingInt(CheapFirst::cost));
        return out;
    }

    static int cost(Matcher m) {
        if (m instanceof Matcher.And a) return sum(a.operands());
        if (m instanceof Matcher.Or o) return sum(o.operands());
        if (m instanceof Matcher.Not n) return cost(n.operand());
        if (m instanceof Matcher.Field f) {
            int c = 1;
            for (ValueTest t : f.tests()) c += t.cost();
            return c;
        }
        if (m instanceof Matcher.Keywords k) {
            int c = 100;
            for (ValueTest t : k.tests()) c += t.cost();
            return c;
        }
        return 0;
    }

    private static int sum(Matcher[] ms) {
        int c = 0;
        for (Matcher x : ms) c += cost(x);
        return c;
    }
}
