package dwell.hunt;

import java.io.Serializable;

/**
 * A mergeable detector whose parts also add up apart from the whole scan (a Spark {@code treeReduce}): a blank twin
 * takes in two parts and gives one part holding both. Its merges are unions, sums, minima and maxima, so the parts may
 * be added in any grouping and order and the whole scan's detector still finishes as one process would.
 */
public interface SummingDetector extends PartialDetector, MergingDetector {
    /** A twin with this detector's configuration that has seen nothing. */
    SummingDetector blank();

    /** Two shares' parts as one, as a share holding both shares' evidence would give it. */
    default Serializable sum(Serializable first, Serializable second) {
        SummingDetector twin = blank();
        twin.merge(first);
        twin.merge(second);
        return twin.part();
    }
}
