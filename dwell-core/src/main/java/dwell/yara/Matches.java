package dwell.yara;

import java.util.Arrays;

/** The matches of every string in one scan: offsets ascending with their lengths. Reused between scans. */
final class Matches {
    /** YARA's limit on matches recorded per string. */
    static final int MAX_PER_STRING = 1_000_000;

    private long[][] packed;
    private int[] counts;
    private final int[] touched;
    private int touchedCount;
    private boolean[] sorted;

    Matches(int strings) {
        packed = new long[strings][];
        counts = new int[strings];
        touched = new int[strings];
        sorted = new boolean[strings];
    }

    /** Calls {@code f} with every pattern that has matches. */
    void forEachTouched(java.util.function.IntConsumer f) {
        for (int k = 0; k < touchedCount; k++) f.accept(touched[k]);
    }

    void clear() {
        for (int k = 0; k < touchedCount; k++) counts[touched[k]] = 0;
        touchedCount = 0;
    }

    /** True when the string has as many matches as are recorded: looking for more is wasted. */
    boolean full(int string) {
        return counts[string] >= MAX_PER_STRING;
    }

    /** Records a match; offsets up to 2^39 and lengths up to 2^24-1 are packed in one long. */
    void add(int string, long offset, int length) {
        int n = counts[string];
        if (n >= MAX_PER_STRING) return;
        if (n == 0) {
            touched[touchedCount++] = string;
            sorted[string] = true;
        }
        long[] a = packed[string];
        if (a == null) a = packed[string] = new long[4];
        else if (n == a.length) a = packed[string] = Arrays.copyOf(a, Math.min(MAX_PER_STRING, n * 2));
        long v = (offset << 24) | Math.min(length, 0xffffff);
        // hits arrive in order of atom end; only several variants or atoms of one pattern can disorder them
        if (n > 0 && (a[n - 1] >>> 24) >= offset) sorted[string] = false;
        a[n] = v;
        counts[string] = n + 1;
    }

    /** Appends another scan's matches as if they had been recorded after this one's (the cap still applies). */
    void addAll(Matches other) {
        for (int t = 0; t < other.touchedCount; t++) {
            int string = other.touched[t];
            long[] a = other.packed[string];
            int n = other.counts[string];
            for (int k = 0; k < n; k++) add(string, a[k] >>> 24, (int) (a[k] & 0xffffff));
        }
    }

    /** Sorts and removes duplicate offsets (keeping the longest match at each offset). */
    private void prepare(int string) {
        if (sorted[string]) return;
        sorted[string] = true;
        int n = counts[string];
        if (n < 2) return;
        long[] a = packed[string];
        Arrays.sort(a, 0, n);
        int w = 0;
        for (int k = 0; k < n; k++) {
            if (w > 0 && (a[w - 1] >>> 24) == (a[k] >>> 24)) a[w - 1] = a[k];
            else a[w++] = a[k];
        }
        counts[string] = w;
    }

    int count(int string) {
        prepare(string);
        return counts[string];
    }

    long offset(int string, int k) {
        prepare(string);
        return packed[string][k] >>> 24;
    }

    int length(int string, int k) {
        prepare(string);
        return (int) (packed[string][k] & 0xffffff);
    }

    /** Whether a match starts at exactly {@code off}. */
    boolean at(int string, long off) {
        int n = count(string);
        long[] a = packed[string];
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long o = a[mid] >>> 24;
            if (o < off) lo = mid + 1;
            else if (o > off) hi = mid - 1;
            else return true;
        }
        return false;
    }

    /** How many matches start within [lo, hi]. */
    int countIn(int string, long lo, long hi) {
        int n = count(string);
        long[] a = packed[string];
        int c = 0;
        int k = lowerBound(a, n, lo);
        while (k < n && (a[k] >>> 24) <= hi) {
            c++;
            k++;
        }
        return c;
    }

    private static int lowerBound(long[] a, int n, long off) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((a[mid] >>> 24) < off) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
