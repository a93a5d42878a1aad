package dwell.pivot;

import static dwell.hunt.SharedHunts.travelled;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An {@link IndexJoin} over {@link ItemIndex}es held in this process, built as a cluster's executors build them (from
 * a share's {@link IndexFeed} part, after it travelled as bytes), answering each item alone and merging the items'
 * statistics as a shuffle would: the distributed index's logic without Spark. Counts the joins asked of it. Routed,
 * each item is asked only the wanted values whose key (a pair's account) it carries, as a shuffle join routes them.
 */
final class LocalJoin implements IndexJoin {
    private final List<ItemIndex> items = new ArrayList<>();
    private final long bare;
    private final long unindexed;
    private final String limit;
    private final boolean routed;
    final List<String> joins = new ArrayList<>();
    /** Every value whose statistics were asked, as often as asked. */
    final List<Value> weighed = new ArrayList<>();

    LocalJoin(IndexFeed feed) throws Exception {
        this(feed, false);
    }

    LocalJoin(IndexFeed feed, boolean routed) throws Exception {
        this.routed = routed;
        Serializable part = travelled(feed.part());
        IndexFeed.items(part).forEachRemaining(items::add);
        bare = IndexFeed.bare(part);
        unindexed = IndexFeed.unindexed(part);
        limit = IndexFeed.limit(part);
    }

    @Override
    public Summary summary() {
        Map<String, Integer> counts = new HashMap<>();
        long events = bare;
        long bytes = 0;
        Set<String> servers = new TreeSet<>();
        for (ItemIndex i : items) {
            counts.put(i.item(), i.events());
            events += i.recorded();
            bytes += i.bytes();
            for (Value v : i.values()) if (v.kind() == Kind.SERVER_IP) servers.add(v.value());
        }
        return new Summary(counts, events, servers, bytes, limit, unindexed);
    }

    @Override
    public int distinctValues() {
        joins.add("distinct values");
        Set<Value> distinct = new HashSet<>();
        for (ItemIndex i : items) distinct.addAll(i.values());
        return distinct.size();
    }

    @Override
    public List<IndexHit> hits(ValueQuery values, String why) {
        joins.add("hits: " + why);
        List<IndexHit> out = new ArrayList<>();
        for (ItemIndex i : items) out.addAll(i.hits(asked(i, values)));
        return out;
    }

    @Override
    public Map<Value, ValueStatistics> statistics(ValueQuery values, Set<Value> refused, String why) {
        joins.add("statistics: " + why);
        weighed.addAll(values.values());
        Map<Value, ValueStatistics> out = new HashMap<>();
        for (ItemIndex i : items) i.statistics(asked(i, values), refused).forEach((v, s) -> out.merge(v, s, ValueStatistics::merge));
        return out;
    }

    private ValueQuery asked(ItemIndex i, ValueQuery values) {
        if (!routed) return travelled(values);
        Set<Value> carried = new HashSet<>(i.values());
        Set<Value> mine = new java.util.LinkedHashSet<>();
        for (Value v : values.values()) if (carried.contains(ValueQuery.key(v))) mine.add(v);
        return travelled(new ValueQuery(mine));
    }

    @Override
    public void close() {
    }
}
