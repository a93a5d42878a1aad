package dwell.scan;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Hunts shares of the evidence somewhere else (a Spark cluster), the whole first pass of each: the seam a distributed
 * engine plugs into {@link ScanPipeline}. Closing it lets go of the cluster.
 */
public interface ShareRunner extends AutoCloseable {
    /** How many shares the evidence should be balanced over (the parallelism available). */
    int width();

    /**
     * One part per share given, in the shares' order (each share a list of evidence display paths); {@code correlated}
     * names the positions of the Sigma detectors with flat correlations, which the runner may evaluate itself
     * ({@link dwell.sigma.CorrelationStage}, {@link ShareHunt#correlationStages}).
     */
    ShareResults run(List<List<String>> shares, Set<Integer> correlated) throws IOException;

    /**
     * The pivot index the last {@link #run} kept where the shares were hunted, to be joined there round by round; null
     * when the index's feed came back in the parts (then this process builds the index).
     */
    default dwell.pivot.IndexJoin pivotIndex() {
        return null;
    }

    @Override
    void close();
}
