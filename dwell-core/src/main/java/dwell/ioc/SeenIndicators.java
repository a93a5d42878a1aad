package dwell.ioc;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The indicators one share's hunt saw and their hits, by the indicator's number in the compiled feeds (the same in
 * every process compiling the same feeds); only those seen are listed, in number order.
 */
public record SeenIndicators(int[] indicators, long[] hits) implements Serializable {
    public SeenIndicators {
        if (indicators.length != hits.length) throw new IllegalArgumentException("one count per indicator");
    }

    static SeenIndicators of(AtomicLongArray counts) {
        int n = 0;
        for (int i = 0; i < counts.length(); i++) if (counts.get(i) > 0) n++;
        int[] indicators = new int[n];
        long[] hits = new long[n];
        int k = 0;
        for (int i = 0; i < counts.length() && k < n; i++) {
            long c = counts.get(i);
            if (c == 0) continue;
            indicators[k] = i;
            hits[k++] = c;
        }
        return new SeenIndicators(indicators, hits);
    }
}
