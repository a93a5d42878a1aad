package dwell.sigma;

import java.io.Serializable;
import java.util.List;

/** A flat Sigma correlation's firings in one group, in time order ({@link CorrelationStage#evaluate}). */
public record CorrelationHits(int correlation, List<String> key, List<Correlator.Hit> hits) implements Serializable {
}
