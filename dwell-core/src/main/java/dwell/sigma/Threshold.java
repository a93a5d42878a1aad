package dwell.sigma;

import java.util.Map;

/**
 * A correlation condition: the bounds a count (or sum, average, percentile) must meet, all of them
 * (gt, gte, lt, lte, eq; e.g. gt 100 and lte 200).
 */
public record Threshold(Map<String, Double> bounds) {
    public Threshold {
        bounds = Map.copyOf(bounds);
        for (String k : bounds.keySet()) {
            if (!java.util.Set.of("gt", "gte", "lt", "lte", "eq", "neq").contains(k)) {
                throw new RuleException("unknown correlation condition '" + k + "'", k);
            }
        }
    }

    public boolean test(double v) {
        for (Map.Entry<String, Double> e : bounds.entrySet()) {
            double b = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "gt" -> v > b;
                case "gte" -> v >= b;
                case "lt" -> v < b;
                case "lte" -> v <= b;
                case "eq" -> v == b;
                case "neq" -> v != b;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    /** True when the bounds can hold for a value that only grows (so a running count may fire early). */
    public boolean onlyLowerBounds() {
        for (String k : bounds.keySet()) if (!k.equals("gt") && !k.equals("gte")) return false;
        return true;
    }
}
