package dwell.hunt;

import java.io.Serializable;

/**
 * The whole scan's side of a {@link PartialDetector}: it takes in every share's part, in the shares' fixed order and
 * from one thread, then finishes as if it had seen all the evidence itself; so the outcome is the one a single
 * process gives.
 */
public interface MergingDetector extends Detector {
    /** Takes in one share's part, as its partial twin gave it. */
    void merge(Serializable part);
}
