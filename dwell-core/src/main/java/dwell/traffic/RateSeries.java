package dwell.traffic;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests a minute on one series (a log format on one host), with their 5xx answers and the share of each
 * virtual directory. Memory grows with the minutes covered, never with the requests. Not thread-safe: each scan
 * thread counts into its own, merged at the end (one shared lock, taken for every request, cost more than the counting),
 * and a share of the evidence hunted apart sends its own.
 */
public final class RateSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Distinct virtual directories kept by name; a flood of random paths cannot grow the map past it. */
    static final int MAX_VDIRS = 1000;
    static final String OTHER_VDIRS = "(other)";

    private final String name;
    private final Map<Long, int[]> minutes = new HashMap<>();
    private final Map<String, long[]> vdirs = new HashMap<>();

    public RateSeries(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Counts one request. */
    public void add(long epochMinute, String vdir, boolean serverError) {
        int[] m = minutes.computeIfAbsent(epochMinute, k -> new int[2]);
        m[0]++;
        if (serverError) m[1]++;
        String key = vdirs.size() < MAX_VDIRS || vdirs.containsKey(vdir) ? vdir : OTHER_VDIRS;
        vdirs.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    /** Adds another thread's counts of the same series. */
    public void merge(RateSeries other) {
        other.minutes.forEach((m, c) -> {
            int[] mine = minutes.computeIfAbsent(m, k -> new int[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
        other.vdirs.forEach((v, n) -> {
            String key = vdirs.size() < MAX_VDIRS || vdirs.containsKey(v) ? v : OTHER_VDIRS;
            vdirs.computeIfAbsent(key, k -> new long[1])[0] += n[0];
        });
    }

    /** Requests and 5xx answers by minute (epoch minutes), in time order; minutes without requests are absent. */
    public TreeMap<Long, int[]> minutes() {
        TreeMap<Long, int[]> copy = new TreeMap<>();
        minutes.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Requests per virtual directory, by name. */
    public TreeMap<String, Long> vdirs() {
        TreeMap<String, Long> copy = new TreeMap<>();
        vdirs.forEach((k, v) -> copy.put(k, v[0]));
        return copy;
    }
}
