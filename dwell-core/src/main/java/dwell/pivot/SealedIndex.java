package dwell.pivot;

import dwell.format.Format;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The event index after the first pass: events in evidence order and, per value, the events that carry it. */
public final class SealedIndex {
    private final List<Value> values;
    private final List<String> names;
    private final List<String> items;
    private final EventIndex source;
    private final long totalEvents;
    private final long[] time;
    private final int[] item;
    private final long[] line;
    private final long[] record;
    private final int[] host;
    private final int[] format;
    private final int[] pairStart;
    private final int[] pairs;
    private final int[][] postings;
    private final Set<String> serverAddresses = new HashSet<>();

    private SealedIndex(EventIndex source, int n, int pairCount, long totalEvents) {
        this.source = source;
        this.values = source.values.snapshot();
        this.names = source.names.snapshot();
        this.items = source.items.snapshot();
        this.totalEvents = totalEvents;
        time = new long[n];
        item = new int[n];
        line = new long[n];
        record = new long[n];
        host = new int[n];
        format = new int[n];
        pairStart = new int[n + 1];
        pairs = new int[pairCount];
        postings = new int[values.size()][];
    }

    static SealedIndex of(EventIndex idx, List<EventIndex.Shard> shards, long totalEvents) {
        int n = 0;
        int pairCount = 0;
        for (EventIndex.Shard s : shards) {
            n += s.start.n;
            pairCount += s.pairs.n;
        }
        SealedIndex x = new SealedIndex(idx, n, pairCount, totalEvents);
        // order events by item path, then as the item's reader gave them (line and record ids can repeat, e.g. a
        // record recovered from slack space), so lookups and output never depend on thread timing
        int[] shardOf = new int[n];
        int[] localOf = new int[n];
        int k = 0;
        for (int si = 0; si < shards.size(); si++) {
            for (int i = 0; i < shards.get(si).start.n; i++) {
                shardOf[k] = si;
                localOf[k++] = i;
            }
        }
        int[] rank = itemRanks(x.items);
        int[] itemRank = new int[n];
        long[] pos = new long[n];
        for (int e = 0; e < n; e++) {
            EventIndex.Shard s = shards.get(shardOf[e]);
            itemRank[e] = rank[s.item.get(localOf[e])];
            pos[e] = s.seq.get(localOf[e]);
        }
        int[] order = new int[n];
        for (int e = 0; e < n; e++) order[e] = e;
        mergeSort(order, new int[n], 0, n, (a, b) -> {
            int c = Integer.compare(itemRank[a], itemRank[b]);
            return c != 0 ? c : Long.compare(pos[a], pos[b]);
        });
        int p = 0;
        for (int e = 0; e < n; e++) {
            EventIndex.Shard s = shards.get(shardOf[order[e]]);
            int i = localOf[order[e]];
            x.time[e] = s.time.get(i);
            x.item[e] = s.item.get(i);
            x.line[e] = s.line.get(i);
            x.record[e] = s.record.get(i);
            x.host[e] = s.host.get(i);
            x.format[e] = s.format.get(i);
            x.pairStart[e] = p;
            for (int j = s.start.get(i); j < s.end.get(i); j++) x.pairs[p++] = s.pairs.get(j);
        }
        x.pairStart[n] = p;
        x.buildPostings();
        return x;
    }

    /** Each item id's position in path order. */
    private static int[] itemRanks(List<String> items) {
        Integer[] ids = new Integer[items.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        Arrays.sort(ids, Comparator.comparing(items::get));
        int[] rank = new int[ids.length];
        for (int r = 0; r < ids.length; r++) rank[ids[r]] = r;
        return rank;
    }

    /** Compares two event positions. */
    private interface IntOrder {
        int compare(int a, int b);
    }

    /** A stable merge sort of int positions, so millions of events sort without boxing. */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntOrder order) {
        if (to - from < 2) return;
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, order);
        mergeSort(a, tmp, mid, to, order);
        if (order.compare(a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(tmp[i], tmp[j]) <= 0)) a[k] = tmp[i++]; else a[k] = tmp[j++];
        }
    }

    private void buildPostings() {
        int[] counts = new int[values.size()];
        int[] last = new int[values.size()];
        Arrays.fill(last, -1);
        int n = time.length;
        for (int e = 0; e < n; e++) {
            for (int j = pairStart[e]; j < pairStart[e + 1]; j += 2) {
                int v = pairs[j + 1];
                if (last[v] != e) {
                    last[v] = e;
                    counts[v]++;
                }
            }
        }
        for (int v = 0; v < counts.length; v++) postings[v] = new int[counts[v]];
        Arrays.fill(counts, 0);
        Arrays.fill(last, -1);
        for (int e = 0; e < n; e++) {
            for (int j = pairStart[e]; j < pairStart[e + 1]; j += 2) {
                int v = pairs[j + 1];
                if (last[v] != e) {
                    last[v] = e;
                    postings[v][counts[v]++] = e;
                }
                if (values.get(v).kind() == Kind.SERVER_IP) serverAddresses.add(values.get(v).value());
            }
        }
    }

    /** Events the index holds (those with at least one indexed value). */
    public int size() {
        return time.length;
    }

    /** All events of the first pass, indexed or not. */
    public long totalEvents() {
        return totalEvents;
    }

    /** The server's own addresses, as its logs name them (s-ip and the like). */
    public Set<String> serverAddresses() {
        return serverAddresses;
    }

    /** The events carrying a value, in evidence order; empty when no event does. */
    public int[] postings(Value v) {
        int id = source.values.find(v);
        return id < 0 || id >= postings.length ? new int[0] : postings[id];
    }

    /** How many distinct values of {@code kind} occur in the events that carry {@code v}, stopping past {@code cap}. */
    public int distinctAlongside(Value v, Kind kind, int cap) {
        Set<Integer> seen = new HashSet<>();
        for (int e : postings(v)) {
            for (int j = pairStart[e]; j < pairStart[e + 1]; j += 2) {
                if (values.get(pairs[j + 1]).kind() == kind && seen.add(pairs[j + 1]) && seen.size() > cap) return seen.size();
            }
        }
        return seen.size();
    }

    public Instant time(int e) {
        long t = time[e];
        return t == EventIndex.NO_TIME ? null : Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    public String item(int e) {
        return items.get(item[e]);
    }

    public long line(int e) {
        return line[e];
    }

    public long record(int e) {
        return record[e];
    }

    public String host(int e) {
        return host[e] < 0 ? null : names.get(host[e]);
    }

    public Format format(int e) {
        return EventIndex.format(format[e]);
    }

    /** The event's indexed fields (source-native names) with their normalised values. */
    public Map<String, String> fields(int e) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int j = pairStart[e]; j < pairStart[e + 1]; j += 2) m.putIfAbsent(names.get(pairs[j]), values.get(pairs[j + 1]).value());
        return m;
    }

    /** The event's values with the field each came from. */
    public List<Map.Entry<String, Value>> values(int e) {
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        for (int j = pairStart[e]; j < pairStart[e + 1]; j += 2) out.add(Map.entry(names.get(pairs[j]), values.get(pairs[j + 1])));
        return out;
    }

    /** Approximate heap bytes of the sealed arrays (not counting the value strings). */
    public long bytes() {
        long b = (long) time.length * (8 + 4 + 8 + 8 + 4 + 4 + 4) + (long) pairs.length * 4;
        for (int[] p : postings) b += 16 + (long) p.length * 4;
        return b;
    }

    /** Distinct values in the index. */
    public int distinctValues() {
        return values.size();
    }
}
