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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The pivot index kept on the executors: the {@link ItemIndex}es the shares' hunts built, one per item, persisted
 * where the shares were hunted; each round's values are broadcast and joined against every part there, so that only
 * the events carrying them come back, and the statistics of values are summed by value (by the driver as the tasks
 * end when they are few, else in a shuffle).
 */
final class SparkIndex implements IndexJoin {
    /** The Spark setting that bounds the values a round broadcasts (more are shuffled: {@link ValueShuffle}). */
    static final String BROADCAST_VALUES = "spark.dwell.pivot.broadcastValues";

    private final JavaSparkContext context;
    private final JavaRDD<ItemIndex> items;
    private final Summary summary;
    /** The count of the index's distinct values: known from the collect, or a job the pivot's rounds need not wait for. */
    private final Future<Long> distinct;
    private final int width;
    /** Rounds of more values than this are shuffled to the index rather than broadcast to it. */
    private final int broadcastValues;
    private ValueShuffle shuffle;

    private SparkIndex(JavaSparkContext context, JavaRDD<ItemIndex> items, Summary summary, Future<Long> distinct,
                       int width) {
        this.context = context;
        this.items = items;
        this.summary = summary;
        this.distinct = distinct;
        this.width = width;
        this.broadcastValues = context.getConf().getInt(BROADCAST_VALUES, 100_000);
    }

    /** The driver's share of what the hunt gave: the parts to merge and, when the pivot is on, the index kept. */
    record Kept(List<SharePart> parts, SparkIndex index) {
    }

    /**
     * The shares' parts, each made by {@code strip} (which must take the index's items out, {@link #stripped}), collected
     * in one job that also stores the index's items where each share lies and tells the driver each item's counts,
     * size and server addresses: the index's summary costs no job of its own. The partitions' distinct values come
     * along when they are few (at most {@link #BROADCAST_VALUES} in all), so the driver counts them; else a job counts
     * them.
     */
    static Kept collect(JavaRDD<SharePart> parts, Function<SharePart, SharePart> strip, int width) {
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
        JavaSparkContext context = JavaSparkContext.fromSparkContext(parts.context());
        int fewValues = context.getConf().getInt(BROADCAST_VALUES, 100_000) / Math.max(1, parts.getNumPartitions());
        List<Collected> collected = parts.zipPartitions(items, (ps, is) -> {
            List<SharePart> stripped = new ArrayList<>();
            List<ItemFacts> facts = new ArrayList<>();
            HashSet<String> values = new HashSet<>();
            while (ps.hasNext()) stripped.add(strip.call(ps.next()));
            while (is.hasNext()) {
                ItemIndex i = is.next();
                List<Value> carried = i.values();
                facts.add(ItemFacts.of(i, carried));
                if (values == null) continue;
                for (Value v : carried) values.add(v.toString());
                if (values.size() > fewValues) values = null;
            }
            return List.of(new Collected(stripped, facts, values)).iterator();
        }).collect();
        List<SharePart> merged = new ArrayList<>();
        List<ItemFacts> facts = new ArrayList<>();
        Set<String> values = new HashSet<>();
        boolean allValues = true;
        for (Collected c : collected) {
            merged.addAll(c.parts());
            facts.addAll(c.items());
            if (c.values() == null) allValues = false;
            else if (allValues) values.addAll(c.values());
        }
        Future<Long> distinct;
        if (allValues) {
            distinct = CompletableFuture.completedFuture((long) values.size());
        } else {
            // the count is wanted only after the last round: its job runs while the driver merges the parts, not before
            context.setJobDescription("dwell: pivot index kept on the executors, its distinct values (not waited for)");
            distinct = items.flatMap(i -> i.values().stream().map(Value::toString).iterator()).distinct(width).countAsync();
        }
        return new Kept(merged, new SparkIndex(context, items, summary(merged, facts), distinct, width));
    }

    /** A partition's stripped parts, its items' facts and its distinct values (null when too many to send). */
    private record Collected(List<SharePart> parts, List<ItemFacts> items, HashSet<String> values) implements Serializable {
    }

    /** The part without its items' events: they stay in the index's items. */
    static SharePart stripped(SharePart p) {
        SharePart r = p;
        for (Map.Entry<Integer, Serializable> e : p.parts().entrySet()) {
            if (IndexFeed.isPart(e.getValue())) r = r.withPart(e.getKey(), IndexFeed.withoutEvents(e.getValue()));
        }
        return r;
    }

    /** The index's summary from the stripped parts (whose bare events it counts) and the items' facts. */
    private static Summary summary(List<SharePart> parts, List<ItemFacts> items) {
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
        Map<String, Integer> byItem = new HashMap<>();
        Set<String> servers = new TreeSet<>();
        long bytes = 0;
        for (ItemFacts f : items) {
            byItem.put(f.item(), f.events());
            events += f.recorded();
            bytes += f.bytes();
            servers.addAll(f.servers());
        }
        return new Summary(byItem, events, servers, bytes, limit, unindexed);
    }

    /** What the driver learns of an item of the index: its counts, its size, the server addresses its logs name. */
    private record ItemFacts(String item, int events, int recorded, long bytes, List<String> servers) implements Serializable {
        /** The facts of item {@code i}, which carries {@code values}. */
        static ItemFacts of(ItemIndex i, List<Value> values) {
            List<String> servers = new ArrayList<>();
            for (Value v : values) if (v.kind() == Kind.SERVER_IP) servers.add(v.value());
            return new ItemFacts(i.item(), i.events(), i.recorded(), i.bytes(), servers);
        }
    }

    @Override
    public int distinctValues() {
        try {
            return (int) (long) distinct.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the pivot index's distinct values", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("counting the pivot index's distinct values failed", e.getCause());
        }
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
            Map<String, ValueStatistics> byText = summedOnTheDriver(values)
                    ? partial.mapPartitions(SparkIndex::summed).fold(new HashMap<>(), SparkIndex::summed)
                    : partial.reduceByKey(ValueStatistics::merge, width).collectAsMap();
            Map<Value, ValueStatistics> out = new HashMap<>();
            byText.forEach((k, s) -> out.put(parse(k), s));
            return out;
        } finally {
            if (query != null) query.destroy();
        }
    }

    /**
     * Whether the partial statistics are few enough (at most one per value and partition of the index: no more than
     * {@link #BROADCAST_VALUES}) for the driver to add up each task's as it ends: one stage, where a shuffle by value
     * would be a second stage and a barrier.
     */
    private boolean summedOnTheDriver(ValueQuery values) {
        return (long) values.size() * items.getNumPartitions() <= broadcastValues;
    }

    /** A task's partial statistics added up by value. */
    private static Iterator<HashMap<String, ValueStatistics>> summed(Iterator<Tuple2<String, ValueStatistics>> partial) {
        HashMap<String, ValueStatistics> out = new HashMap<>();
        partial.forEachRemaining(t -> out.merge(t._1(), t._2(), ValueStatistics::merge));
        return List.of(out).iterator();
    }

    private static HashMap<String, ValueStatistics> summed(HashMap<String, ValueStatistics> a, HashMap<String, ValueStatistics> b) {
        b.forEach((k, s) -> a.merge(k, s, ValueStatistics::merge));
        return a;
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
