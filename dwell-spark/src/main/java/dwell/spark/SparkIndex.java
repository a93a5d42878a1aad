package dwell.spark;

import dwell.pivot.IndexFeed;
import dwell.pivot.IndexHit;
import dwell.pivot.IndexJoin;
import dwell.pivot.ItemIndex;
import dwell.pivot.Kind;
import dwell.pivot.Value;
import dwell.pivot.ValueQuery;
import dwell.pivot.ValueStatistics;
import dwell.scan.SharePart;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * The pivot index kept on the executors: the {@link ItemIndex}es the shares' hunts built, one per item, persisted
 * where the shares were hunted; each round's values are broadcast and joined against every part there, so that only
 * the events carrying them come back, and the statistics of values are summed by value in a shuffle.
 */
final class SparkIndex implements IndexJoin {
    /** The Spark setting that bounds the values a round broadcasts (more are shuffled: {@link ValueShuffle}). */
    static final String BROADCAST_VALUES = "spark.dwell.pivot.broadcastValues";

    private final JavaSparkContext context;
    private final JavaRDD<ItemIndex> items;
    private final Summary summary;
    private final int width;
    /** Rounds of more values than this are shuffled to the index rather than broadcast to it. */
    private final int broadcastValues;
    private ValueShuffle shuffle;

    private SparkIndex(JavaSparkContext context, JavaRDD<ItemIndex> items, Summary summary, int width) {
        this.context = context;
        this.items = items;
        this.summary = summary;
        this.width = width;
        this.broadcastValues = context.getConf().getInt(BROADCAST_VALUES, 100_000);
    }

    /** The index items the shares' hunts built (persisted: still to be read when they are), kept where each share lies. */
    static JavaRDD<ItemIndex> items(JavaRDD<SharePart> parts) {
        JavaRDD<ItemIndex> items = parts.flatMap(p -> {
            for (Serializable part : p.parts().values()) {
                if (IndexFeed.isPart(part)) return IndexFeed.items(part);
            }
            return java.util.Collections.emptyIterator();
        });
        // an item is one byte array in its compact form already: kept as it is, not serialized again for every job
        items.persist(StorageLevel.MEMORY_AND_DISK());
        // the rounds' jobs run after the hunt's broadcast rules are gone: the index must not lead back to the hunt
        items.rdd().localCheckpoint();
        return items;
    }

    /** The part without its items' events: they stay in {@link #items}. */
    static SharePart stripped(SharePart p) {
        SharePart r = p;
        for (Map.Entry<Integer, Serializable> e : p.parts().entrySet()) {
            if (IndexFeed.isPart(e.getValue())) r = r.withPart(e.getKey(), IndexFeed.withoutEvents(e.getValue()));
        }
        return r;
    }

    /** The index over {@code items}, once the driver has the parts (whose bare events it counts). */
    static SparkIndex kept(JavaSparkContext context, JavaRDD<ItemIndex> items, List<SharePart> parts, int width) {
        long events = 0;
        long unindexed = 0;
        String limit = null;
        for (SharePart p : parts) {
            for (Serializable part : p.parts().values()) {
                if (!IndexFeed.isPart(part)) continue;
                events += IndexFeed.bare(part);
                unindexed += IndexFeed.unindexed(part);
                if (limit == null) limit = IndexFeed.limit(part);
            }
        }
        context.setJobDescription("dwell: pivot index kept on the executors, its items' counts, server addresses and distinct values");
        // one job, not two: the items' facts come back beside the count, as an accumulator, by item (a task run again
        // adds its items twice)
        CollectionAccumulator<ItemFacts> told = context.sc().collectionAccumulator("dwell: the index items' facts");
        long distinct = items.flatMap(i -> {
            told.add(new ItemFacts(i.item(), i.events(), i.recorded(), i.bytes(), serverAddresses(i)));
            return i.values().stream().map(Value::toString).iterator();
        }).distinct(width).count();
        Map<String, ItemFacts> facts = new TreeMap<>();
        for (ItemFacts f : told.value()) facts.put(f.item(), f);
        Map<String, Integer> byItem = new HashMap<>();
        Set<String> servers = new TreeSet<>();
        long bytes = 0;
        for (ItemFacts f : facts.values()) {
            byItem.put(f.item(), f.events());
            events += f.recorded();
            bytes += f.bytes();
            servers.addAll(f.servers());
        }
        return new SparkIndex(context, items, new Summary(byItem, events, servers, (int) distinct, bytes, limit, unindexed), width);
    }

    /** What the driver learns of an item of the index: its counts, its size, the server addresses its logs name. */
    private record ItemFacts(String item, int events, int recorded, long bytes, List<String> servers) implements Serializable {
    }

    private static List<String> serverAddresses(ItemIndex i) {
        List<String> out = new ArrayList<>();
        for (Value v : i.values()) if (v.kind() == Kind.SERVER_IP) out.add(v.value());
        return out;
    }

    @Override
    public Summary summary() {
        return summary;
    }

    @Override
    public List<IndexHit> hits(ValueQuery values, String why) {
        if (shuffled(values)) {
            context.setJobDescription("dwell: " + why + ", join of " + values.size() + " values (shuffle join) for their events");
            return shuffle().join(values.values(), ItemIndex::hits).collect();
        }
        context.setJobDescription("dwell: " + why + ", join of " + values.size() + " values (broadcast) for their events");
        Broadcast<ValueQuery> query = context.broadcast(values);
        try {
            return items.flatMap(i -> i.hits(query.value()).iterator()).collect();
        } finally {
            query.destroy();
        }
    }

    @Override
    public Map<Value, ValueStatistics> statistics(ValueQuery values, Set<Value> refused, String why) {
        Set<Value> statuses = new HashSet<>(refused);
        JavaPairRDD<String, ValueStatistics> partial;
        Broadcast<ValueQuery> query = null;
        if (shuffled(values)) {
            context.setJobDescription("dwell: " + why + ", statistics of " + values.size() + " values (shuffle join, summed by value)");
            partial = shuffle().join(values.values(), (i, q) -> keyed(i.statistics(q, statuses))).mapToPair(t -> t);
        } else {
            context.setJobDescription("dwell: " + why + ", statistics of " + values.size() + " values (broadcast, summed by value)");
            Broadcast<ValueQuery> b = context.broadcast(values);
            query = b;
            partial = items.flatMapToPair(i -> keyed(i.statistics(b.value(), statuses)).iterator());
        }
        try {
            // keyed by text: a Value's hash (its kind's) differs between JVMs, a String's does not
            Map<String, ValueStatistics> byText = partial.reduceByKey(ValueStatistics::merge, width).collectAsMap();
            Map<Value, ValueStatistics> out = new HashMap<>();
            byText.forEach((k, s) -> out.put(parse(k), s));
            return out;
        } finally {
            if (query != null) query.destroy();
        }
    }

    /** Whether a round's values are too many to broadcast to every part of the index (spark.dwell.pivot.broadcastValues). */
    private boolean shuffled(ValueQuery values) {
        return values.size() > broadcastValues;
    }

    private ValueShuffle shuffle() {
        if (shuffle == null) shuffle = ValueShuffle.over(context, items, width);
        return shuffle;
    }

    private static List<Tuple2<String, ValueStatistics>> keyed(Map<Value, ValueStatistics> m) {
        List<Tuple2<String, ValueStatistics>> out = new ArrayList<>();
        m.forEach((v, s) -> out.add(new Tuple2<>(v.toString(), s)));
        return out;
    }

    /** A value from its text ({@link Value#toString}). */
    static Value parse(String key) {
        int colon = key.indexOf(':');
        return new Value(Kind.byId(key.substring(0, colon)), key.substring(colon + 1));
    }

    /** The index's entries: one row per value an event carries, from the executors (see {@link ParquetTables#ENTRIES}). */
    JavaRDD<org.apache.spark.sql.Row> entries() {
        return items.flatMap(i -> {
            List<org.apache.spark.sql.Row> rows = new ArrayList<>();
            i.entries((v, field, line, record, time, host) -> rows.add(org.apache.spark.sql.RowFactory.create(v.kind().id(),
                    v.value(), field, i.item(), line, record, time == null ? null : java.sql.Timestamp.from(time), host)));
            return rows.iterator();
        });
    }

    /** Kept until the session ends: the Parquet tables are written after the pivot, from the same items. */
    @Override
    public void close() {
    }
}
