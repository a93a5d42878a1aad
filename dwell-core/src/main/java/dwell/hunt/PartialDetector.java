package dwell.hunt;

import java.io.Serializable;

/**
 * A detector whose state across items can be handed over: hunting one share of the evidence apart (another thread,
 * another process), it is not finished there but gives its {@link #part()}, which the whole scan's
 * {@link MergingDetector} takes in with the other shares' before it finishes. Parts are compact: counts, sets and
 * candidates, never whole events.
 */
public interface PartialDetector extends Detector {
    /** What this detector gathered over its share, after the share was read; serializable, to travel. */
    Serializable part();
}
