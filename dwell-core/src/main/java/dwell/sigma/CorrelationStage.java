package dwell.sigma;

import java.io.Serializable;
import java.util.List;

/**
 * A Sigma detector's flat correlations as a stage of their own, for an engine that gathers their candidates from
 * the shares' parts and evaluates each (correlation, group) apart (a Spark group-by): {@link #candidates} of a part,
 * {@link #evaluate} per group, {@link #rest} for what the part must still carry to the scan's detector, which takes
 * the hits with {@link SigmaDetector#evaluated} and fires the chained correlations itself.
 */
public final class CorrelationStage implements Serializable {
    private final transient Correlator correlator;

    /** The stage of a detector compiled where it runs (a correlator is not shipped, its rules are compiled there). */
    public CorrelationStage(SigmaDetector detector) {
        this.correlator = detector.correlator();
    }

    /** True when the detector has a flat correlation. */
    public boolean any() {
        return correlator.hasFlat();
    }

    /** The flat correlations' candidates in a part the detector's share twin gave. */
    public List<CorrelationCandidate> candidates(Serializable part) {
        return correlator.candidates((Correlator.Part) part);
    }

    /** The part without what only the flat correlations read. */
    public Serializable rest(Serializable part) {
        return correlator.rest((Correlator.Part) part);
    }

    /** One group's candidates (one {@link CorrelationCandidate#group()}, any order) evaluated as a single process would. */
    public CorrelationHits evaluate(List<CorrelationCandidate> group) {
        return correlator.evaluate(group);
    }
}
