package dwell.pivot;

import java.util.Map;
import java.util.Set;

/**
 * A pivot index kept where the evidence was read (a cluster's executors), as {@link ItemIndex}es: it joins values
 * against itself and sends back only the events that carry them and the values' statistics ({@link JoinedIndex} asks).
 */
public interface IndexJoin extends AutoCloseable {
    /** What the index holds as a whole. */
    Summary summary();

    /**
     * How many distinct values the index holds: asked only once the pivot's rounds are done, so a join may count them
     * meanwhile rather than before the first round.
     */
    int distinctValues();

    /** The events carrying any of {@code values}, each once ({@code why}: what the join is for, for its job's name). */
    java.util.List<IndexHit> hits(ValueQuery values, String why);

    /** Each value's statistics over the whole index; values no event carries are left out. */
    Map<Value, ValueStatistics> statistics(ValueQuery values, Set<Value> refused, String why);

    @Override
    void close();

    /**
     * Each item's count of indexed events, all the first pass's events, the server addresses the logs name (server-ip
     * values), the bytes the parts keep, why a part stopped growing (null when none did: the first part's reason in
     * share order) and the events limits kept out.
     */
    record Summary(Map<String, Integer> items, long events, Set<String> serverAddresses, long bytes, String limit,
                   long unindexed) {
    }
}
