package dwell.pivot;

import dwell.event.FormatId;
import dwell.pivot.store.IndexLimitException;
import dwell.pivot.store.Postings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pivot's view of an index kept elsewhere ({@link IndexJoin}): only the events the rounds hunt and the statistics
 * of the values they weigh are fetched, batch by batch as the pivot announces them, and numbered as {@link SealedIndex}
 * numbers them (the items' counts give each item's first number), so every decision is the one the local index makes.
 * A value asked for without being announced is fetched alone ({@link #unannounced()} counts those).
 */
public final class JoinedIndex implements PivotIndex {
    private final IndexJoin join;
    private final IndexJoin.Summary summary;
    private final Map<String, Integer> firstEvent = new HashMap<>();
    private final int size;
    private final Map<Integer, IndexHit> events = new HashMap<>();
    private final Map<Value, int[]> postings = new HashMap<>();
    private final Map<Value, ValueStatistics> statistics = new HashMap<>();
    private static final ValueStatistics NONE = new ValueStatistics();
    private final Set<Value> refused = Attempts.builtin().refused();
    private int unannounced;

    public JoinedIndex(IndexJoin join) {
        this.join = join;
        this.summary = join.summary();
        long n = 0;
        for (Map.Entry<String, Integer> item : new TreeMap<>(summary.items()).entrySet()) {
            firstEvent.put(item.getKey(), (int) n);
            n += item.getValue();
            if (n > EventIndex.MAX_EVENTS) {
                throw new IndexLimitException("more than " + EventIndex.MAX_EVENTS + " events carry indicator values (event numbers are 32-bit)");
            }
        }
        size = (int) n;
    }

    @Override
    public boolean fetches() {
        return true;
    }

    @Override
    public void lookingUp(Collection<Value> hunted, String why) {
        Set<Value> weighed = new LinkedHashSet<>();
        for (Value v : hunted) if (v.kind().weighed()) weighed.add(v);
        for (IndexHit h : fetch(hunted, why)) {
            for (Value v : h.values()) if (v.kind().weighed()) weighed.add(v);
        }
        weighing(weighed, why);
    }

    @Override
    public void fetching(Collection<Value> hunted, String why) {
        fetch(hunted, why);
    }

    /** Fetches the events of the values not fetched yet; returns those events. */
    private List<IndexHit> fetch(Collection<Value> hunted, String why) {
        Set<Value> wanted = new LinkedHashSet<>();
        for (Value v : hunted) if (!postings.containsKey(v)) wanted.add(v);
        if (wanted.isEmpty()) return List.of();
        Map<Value, List<Integer>> found = new HashMap<>();
        List<IndexHit> hits = join.hits(new ValueQuery(wanted), why);
        for (IndexHit h : hits) {
            int e = firstEvent.get(h.item()) + h.seq();
            events.put(e, h);
            for (Value v : h.matched()) found.computeIfAbsent(v, k -> new ArrayList<>()).add(e);
        }
        for (Value v : wanted) {
            int[] es = found.getOrDefault(v, List.of()).stream().mapToInt(Integer::intValue).sorted().toArray();
            postings.put(v, es);
        }
        return hits;
    }

    @Override
    public void weighing(Collection<Value> values, String why) {
        Set<Value> wanted = new LinkedHashSet<>();
        for (Value v : values) if (!statistics.containsKey(v)) wanted.add(v);
        if (wanted.isEmpty()) return;
        Map<Value, ValueStatistics> got = join.statistics(new ValueQuery(wanted), refused, why);
        for (Value v : wanted) statistics.put(v, got.getOrDefault(v, NONE));
    }

    /** Values asked for that no step announced: each cost a join of its own. */
    public int unannounced() {
        return unannounced;
    }

    private int[] hitsOf(Value v) {
        if (!postings.containsKey(v)) {
            unannounced++;
            fetching(List.of(v), "an unannounced value");
        }
        return postings.get(v);
    }

    private ValueStatistics statisticsOf(Value v) {
        if (!statistics.containsKey(v)) {
            unannounced++;
            weighing(List.of(v), "an unannounced value");
        }
        return statistics.get(v);
    }

    @Override
    public Postings postings(Value v) {
        return Postings.of(hitsOf(v));
    }

    @Override
    public int count(Value v) {
        // the local index never holds a pair as a value of its own: it counts none
        return v.kind() == Kind.ACCOUNT_ADDRESS ? 0 : (int) statisticsOf(v).count();
    }

    @Override
    public int distinctAlongside(Value v, Kind kind, int cap) {
        return statisticsOf(v).distinct(kind, cap, false);
    }

    @Override
    public int distinctAlongside(Value v, Kind kind, int cap, Set<Value> unless) {
        if (unless.isEmpty()) return distinctAlongside(v, kind, cap);
        if (!unless.equals(refused)) throw new IllegalArgumentException("only the refused statuses are kept aside");
        return statisticsOf(v).distinct(kind, cap, true);
    }

    private IndexHit event(int e) {
        IndexHit h = events.get(e);
        if (h == null) throw new IllegalStateException("event " + e + " was not fetched: no value hunted leads to it");
        return h;
    }

    @Override
    public boolean carriesAny(int e, Set<Value> values) {
        for (Value v : event(e).values()) if (values.contains(v)) return true;
        return false;
    }

    @Override
    public Instant time(int e) {
        return event(e).time();
    }

    @Override
    public String item(int e) {
        return event(e).item();
    }

    @Override
    public long line(int e) {
        return event(e).line();
    }

    @Override
    public long record(int e) {
        return event(e).record();
    }

    @Override
    public String host(int e) {
        return event(e).host();
    }

    @Override
    public FormatId format(int e) {
        return FormatId.of(event(e).format());
    }

    @Override
    public Map<String, String> fields(int e) {
        IndexHit h = event(e);
        Map<String, String> m = new LinkedHashMap<>();
        for (int j = 0; j < h.names().size(); j++) m.putIfAbsent(h.names().get(j), h.values().get(j).value());
        return m;
    }

    @Override
    public List<Map.Entry<String, Value>> values(int e) {
        IndexHit h = event(e);
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        for (int j = 0; j < h.names().size(); j++) out.add(Map.entry(h.names().get(j), h.values().get(j)));
        return out;
    }

    @Override
    public Set<String> serverAddresses() {
        return summary.serverAddresses();
    }

    @Override
    public long totalEvents() {
        return summary.events();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int distinctValues() {
        return join.distinctValues();
    }

    @Override
    public long bytes() {
        return summary.bytes();
    }

    @Override
    public long diskBytes() {
        return 0;
    }

    @Override
    public String limit() {
        return summary.limit();
    }

    @Override
    public long unindexedEvents() {
        return summary.unindexed();
    }

    @Override
    public void close() {
        join.close();
    }
}
