package dwell.pivot.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The indexed events in evidence order, whatever thread read them: every thread's segments sorted by their
 * item's rank (path order) and their place in the item, each given its range of event numbers.
 */
public final class EventOrder {
    private final int[] log;
    private final int[] item;
    private final int[] format;
    private final int[] localStart;
    /** The first event number of each segment, and the total at the end. */
    private final int[] start;

    private EventOrder(int segments) {
        log = new int[segments];
        item = new int[segments];
        format = new int[segments];
        localStart = new int[segments];
        start = new int[segments + 1];
    }

    /**
     * @param itemRank each item id's rank in path order
     */
    public static EventOrder of(List<EventLog> logs, int[] itemRank) {
        List<long[]> segs = new ArrayList<>();
        for (int l = 0; l < logs.size(); l++) {
            EventLog g = logs.get(l);
            for (int s = 0; s < g.segmentItem.size(); s++) segs.add(new long[] {itemRank[g.segmentItem.get(s)], g.segmentSeq.get(s), l, s});
        }
        // one item's segments hold disjoint runs of its sequence numbers, so (rank, first number) orders events fully
        segs.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        EventOrder o = new EventOrder(segs.size());
        long total = 0;
        for (int i = 0; i < segs.size(); i++) {
            EventLog g = logs.get((int) segs.get(i)[2]);
            int s = (int) segs.get(i)[3];
            o.log[i] = (int) segs.get(i)[2];
            o.item[i] = g.segmentItem.get(s);
            o.format[i] = g.segmentFormat.get(s);
            o.localStart[i] = g.segmentStart.get(s);
            o.start[i] = (int) total;
            total += g.segmentCount.get(s);
            if (total > Integer.MAX_VALUE) throw new IllegalStateException("more than 2^31-1 indexed events");
        }
        o.start[segs.size()] = (int) total;
        return o;
    }

    public int events() {
        return start[start.length - 1];
    }

    int segments() {
        return log.length;
    }

    /** The segment holding event {@code e}. */
    int segmentOf(int e) {
        int lo = 0;
        int hi = log.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= e) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    int start(int segment) {
        return start[segment];
    }

    int log(int segment) {
        return log[segment];
    }

    int item(int segment) {
        return item[segment];
    }

    int format(int segment) {
        return format[segment];
    }

    int localStart(int segment) {
        return localStart[segment];
    }

    public long memoryBytes() {
        return 5L * (16 + 4L * log.length);
    }
}
