package dwell.scan;

import java.io.IOException;
import java.util.List;

/**
 * Hunts shares of the evidence with the item-local detectors somewhere else (a Spark cluster): the seam a distributed
 * engine plugs into {@link ScanPipeline}. Closing it lets go of the cluster.
 */
public interface ShareRunner extends AutoCloseable {
    /** How many shares the evidence should be balanced over (the parallelism available). */
    int width();

    /** One part per share given, in any order; each share is a list of evidence display paths. */
    List<SharePart> run(List<List<String>> shares) throws IOException;

    @Override
    void close();
}
