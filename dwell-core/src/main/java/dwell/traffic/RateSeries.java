package dwell.traffic;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Requests a minute on one series (a log format on one host), with their 5xx answers and the share of each
 * virtual directory. Memory grows with the minutes covered, never with the requests. Not thread-safe: each scan
 * thread counts into its own, merged at the end (one shared lock, taken for every request, cost more than the counting),
 * and a share of the evidence hunted apart sends its own.
 */
public final class RateSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Distinct virtual directories kept by name; a flood of random paths cannot grow the map past it. The names kept are
     * the first in sort order, not the first met: so which are kept never depends on the order threads or shares count.
     */
    static final int MAX_VDIRS = 1000;
    static final String OTHER_VDIRS = "(other)";

    private final String name;
    private final Map<Long, int[]> minutes = new HashMap<>();
    private final Map<String, long[]> vdirs = new HashMap<>();
    /** The names of {@link #vdirs}, sorted, to find the one to give up when a smaller name comes. */
    private final TreeSet<String> kept = new TreeSet<>();
    private long other;

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
        count(vdir, 1);
    }

    private void count(String vdir, long n) {
        long[] c = vdirs.get(vdir);
        if (c != null) {
            c[0] += n;
            return;
        }
        if (vdir.equals(OTHER_VDIRS)) {
            other += n;
            return;
        }
        if (kept.size() >= MAX_VDIRS) {
            if (vdir.compareTo(kept.last()) > 0) {
                other += n;
                return;
            }
            other += vdirs.remove(kept.pollLast())[0];
        }
        kept.add(vdir);
        vdirs.put(vdir, new long[] {n});
    }

    /** Adds another thread's counts of the same series. */
    public void merge(RateSeries other) {
        other.minutes.forEach((m, c) -> {
            int[] mine = minutes.computeIfAbsent(m, k -> new int[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
        other.vdirs.forEach((v, n) -> count(v, n[0]));
        this.other += other.other;
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
        if (other > 0) copy.put(OTHER_VDIRS, other);
        return copy;
    }
}
