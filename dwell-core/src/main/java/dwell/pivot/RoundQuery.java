package dwell.pivot;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pivot round asks of a kept index ({@link IndexJoin#round}): the events carrying the hunted values, and the
 * statistics of the values to weigh with them, which are {@code weigh} and every value those events carry that
 * {@code weighed} does not hold; small enough to travel to every part of a distributed index.
 */
public record RoundQuery(ValueQuery hunted, Set<Value> weigh, Set<Value> weighed, Set<Value> refused) implements Serializable {
    public RoundQuery {
        weigh = new LinkedHashSet<>(weigh);
        weighed = new HashSet<>(weighed);
        refused = new HashSet<>(refused);
    }

    /** {@code weigh}, then the values {@code hits} carry that are not weighed yet, in the order met. */
    public Set<Value> toWeigh(Collection<IndexHit> hits) {
        Set<Value> out = new LinkedHashSet<>(weigh);
        for (IndexHit h : hits) {
            for (Value v : h.values()) if (!weighed.contains(v)) out.add(v);
        }
        return out;
    }

    /** The events a round found and, unless the join left them to {@link IndexJoin#statistics}, the statistics of {@link #toWeigh}. */
    public record Answer(List<IndexHit> hits, Map<Value, ValueStatistics> statistics) {
    }
}
