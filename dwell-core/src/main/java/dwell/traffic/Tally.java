package dwell.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by value, for an episode's top sources, paths and user agents. Past {@link #MAX} distinct values new ones
 * are counted together as {@code (other)}: a flood of random paths cannot grow it without end.
 */
public final class Tally {
    static final int MAX = 100_000;
    static final String OTHER = "(other)";
    private final Map<String, long[]> counts = new HashMap<>();

    public void add(String value) {
        add(value, 1);
    }

    public void add(String value, long n) {
        String v = value == null ? "-" : value;
        long[] c = counts.get(v);
        if (c == null) {
            if (counts.size() >= MAX) v = OTHER;
            c = counts.computeIfAbsent(v, k -> new long[1]);
        }
        c[0] += n;
    }

    /** Distinct values counted (with {@code (other)} as one). */
    public int distinct() {
        return counts.size();
    }

    /** The {@code n} most frequent, most first, ties by value: {@code [{"value", "count"}]}. */
    public List<Map<String, Object>> top(int n) {
        List<Map.Entry<String, long[]>> all = new ArrayList<>(counts.entrySet());
        all.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : all.subList(0, Math.min(n, all.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", e.getKey());
            m.put("count", e.getValue()[0]);
            out.add(m);
        }
        return out;
    }

    /** The {@code n} most frequent values alone. */
    public List<String> topValues(int n) {
        return top(n).stream().map(m -> (String) m.get("value")).toList();
    }

    /** The count of the {@code n} most frequent together. */
    public long topCount(int n) {
        return top(n).stream().mapToLong(m -> (Long) m.get("count")).sum();
    }

    /** A tally of a map's counts. */
    public static Tally of(Map<String, Long> counts) {
        Tally t = new Tally();
        counts.forEach(t::add);
        return t;
    }
}
