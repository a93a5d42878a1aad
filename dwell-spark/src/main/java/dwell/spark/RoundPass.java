package dwell.spark;

import dwell.pivot.IndexHit;
import dwell.pivot.ItemIndex;
import dwell.pivot.RoundQuery;
import dwell.pivot.Value;
import dwell.pivot.ValueQuery;
import dwell.pivot.ValueStatistics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * A pivot round over one partition of the index, as a task of a barrier stage: the partition's hits, then, once every
 * task has told the others the values its hits carry (Spark's {@code allGather}), the partition's statistics of all of
 * them: a round's hits and statistics in one stage, without the driver's round trip between two jobs.
 */
final class RoundPass extends AbstractFunction1<Iterator<ItemIndex>, Iterator<RoundPass.Part>> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What a task tells the others when its own values already pass the bound. */
    private static final String TOO_MANY = "*";

    private final Broadcast<RoundQuery> query;
    /** The values a task may weigh: more, and the round's statistics are left to a job of their own. */
    private final int bound;

    RoundPass(Broadcast<RoundQuery> query, int bound) {
        this.query = query;
        this.bound = bound;
    }

    /** A partition's hits and its statistics of the round's values to weigh, by text; null when they were too many. */
    record Part(List<IndexHit> hits, HashMap<String, ValueStatistics> statistics) implements Serializable {
    }

    @Override
    public Iterator<Part> apply(Iterator<ItemIndex> partition) {
        RoundQuery q = query.value();
        List<ItemIndex> items = new ArrayList<>();
        List<IndexHit> hits = new ArrayList<>();
        CollectionConverters.asJava(partition).forEachRemaining(i -> {
            items.add(i);
            hits.addAll(i.hits(q.hunted()));
        });
        Set<Value> mine = q.toWeigh(hits);
        String[] told = BarrierTaskContext.get().allGather(mine.size() > bound ? TOO_MANY : encode(mine));
        // every task gets the same messages, so every task takes the same way
        Set<Value> all = new TreeSet<>();
        for (String t : told) {
            if (t.equals(TOO_MANY)) return one(new Part(hits, null));
            decode(t, all);
        }
        if (all.size() > bound) return one(new Part(hits, null));
        HashMap<String, ValueStatistics> statistics = new HashMap<>();
        ValueQuery weigh = new ValueQuery(all);
        // keyed by text: a Value's hash (its kind's) differs between JVMs, a String's does not
        for (ItemIndex i : items) i.statistics(weigh, q.refused()).forEach((v, s) -> statistics.merge(v.toString(), s, ValueStatistics::merge));
        return one(new Part(hits, statistics));
    }

    private static Iterator<Part> one(Part p) {
        return CollectionConverters.asScala(List.of(p).iterator());
    }

    /** Values as text, each behind its length: a value may hold any character. */
    static String encode(Set<Value> values) {
        StringBuilder out = new StringBuilder();
        for (Value v : values) {
            String t = v.toString();
            out.append(t.length()).append(':').append(t);
        }
        return out.toString();
    }

    static void decode(String text, Set<Value> into) {
        for (int at = 0; at < text.length(); ) {
            int colon = text.indexOf(':', at);
            int end = colon + 1 + Integer.parseInt(text.substring(at, colon));
            into.add(SparkIndex.parse(text.substring(colon + 1, end)));
            at = end;
        }
    }
}
