package dwell.spark;

import dwell.pivot.ItemIndex;
import dwell.pivot.Value;
import dwell.pivot.ValueQuery;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The pivot's join for rounds of many values, a shuffle join: a round's values are not broadcast to every part of the
 * index but shuffled, keyed by value, to a directory of the index's values (each value with the partitions of the
 * index whose items carry it, hash-partitioned by value, made at the first such round and kept), which routes each
 * value on to those partitions only; each partition of the index then looks up just the values its items carry. The
 * index's items never move: what is shuffled is the round's values, twice, and (once) the directory.
 */
final class ValueShuffle {
    private final JavaSparkContext context;
    private final JavaRDD<ItemIndex> items;
    private final JavaPairRDD<String, Integer> directory;
    private final int width;

    private ValueShuffle(JavaSparkContext context, JavaRDD<ItemIndex> items, JavaPairRDD<String, Integer> directory, int width) {
        this.context = context;
        this.items = items;
        this.directory = directory;
        this.width = width;
    }

    /** The directory of {@code items}' values, made (and kept) with the first round that needs it. */
    static ValueShuffle over(JavaSparkContext context, JavaRDD<ItemIndex> items, int width) {
        JavaPairRDD<String, Integer> directory = items.mapPartitionsWithIndex((p, it) -> {
            Set<String> carried = new HashSet<>();
            while (it.hasNext()) for (Value v : it.next().values()) carried.add(v.toString());
            List<Tuple2<String, Integer>> out = new ArrayList<>(carried.size());
            for (String v : carried) out.add(new Tuple2<>(v, p));
            return out.iterator();
        }, true).mapToPair(t -> t).partitionBy(new HashPartitioner(width));
        directory.persist(StorageLevel.MEMORY_AND_DISK());
        return new ValueShuffle(context, items, directory, width);
    }

    /** What one partition of the index gives for the values its items carry. */
    @FunctionalInterface
    interface Lookup<T> extends Serializable {
        Iterable<T> of(ItemIndex item, ValueQuery values);
    }

    /** {@code lookup} run on every item of the index with the wanted values its partition's items carry. */
    <T> JavaRDD<T> join(List<Value> wanted, Lookup<T> lookup) {
        List<Tuple2<String, String>> keyed = new ArrayList<>(wanted.size());
        // keyed by text: a Value's hash (its kind's) differs between JVMs, a String's does not
        for (Value v : wanted) keyed.add(new Tuple2<>(ValueQuery.key(v).toString(), v.toString()));
        JavaPairRDD<Integer, String> routed = context.parallelizePairs(keyed, width)
                .join(directory, directory.partitioner().get())
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()))
                .partitionBy(new Numbered(items.getNumPartitions()));
        return items.zipPartitions(routed, (its, values) -> {
            Set<Value> mine = new LinkedHashSet<>();
            values.forEachRemaining(t -> mine.add(SparkIndex.parse(t._2())));
            if (mine.isEmpty()) return Collections.emptyIterator();
            ValueQuery q = new ValueQuery(mine);
            List<T> out = new ArrayList<>();
            its.forEachRemaining(i -> lookup.of(i, q).forEach(out::add));
            return out.iterator();
        });
    }

    /** Partition {@code n} for key {@code n}: the routed values meet the index's partition of the same number. */
    private static final class Numbered extends Partitioner {
        private final int partitions;

        Numbered(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Numbered n && n.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }
}
