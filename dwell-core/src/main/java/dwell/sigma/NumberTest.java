package dwell.sigma;

/** The numeric modifiers lt, lte, gt, gte: the field must hold a number, compared with the rule's. */
final class NumberTest implements ValueTest {
    /** The comparison asked for. */
    public enum Op { LT, LTE, GT, GTE }

    private final Op op;
    private final double bound;

    public NumberTest(Op op, double bound) {
        this.op = op;
        this.bound = bound;
    }

    /** Parses a rule's number, or throws a rule error. */
    public static double number(String text) {
        Double d = parse(text);
        if (d == null) throw new RuleException("not a number: '" + text + "'", text);
        return d;
    }

    static Double parse(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (t.isEmpty() || t.length() > 40) return null;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return (double) Long.parseLong(t.substring(2), 16);
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean test(String value, EventView view) {
        Double d = parse(value);
        if (d == null || d.isNaN()) return false;
        return switch (op) {
            case LT -> d < bound;
            case LTE -> d <= bound;
            case GT -> d > bound;
            case GTE -> d >= bound;
        };
    }

    Op op() {
        return op;
    }

    double bound() {
        return bound;
    }

    @Override
    public String toString() {
        return op + " " + bound;
    }
}
