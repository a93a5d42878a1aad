package dwell.spark;

import dwell.pivot.IndexJoin;
import dwell.scan.OutcomeTables;
import dwell.scan.ScanOutcome;
import dwell.scan.SharePart;
import dwell.scan.ShareResults;
import dwell.scan.ShareRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Hunts shares as Spark tasks, one partition each, on the session's executors: the whole first pass of each share,
 * then the flat Sigma correlations as a job of their own over the parts ({@link SparkCorrelations}), the summary parts
 * added up on the executors ({@link SummaryParts}), then the rest of the parts (without the correlations' candidates
 * and the summed parts) collected for the driver to merge; writes the outcome's Parquet tables.
 */
final class SparkShares implements ShareRunner, OutcomeTables {
    private final SessionStart start;
    private final ShareSpec spec;
    private SparkSession session;
    private JavaSparkContext context;
    private SparkIndex index;

    SparkShares(SessionStart start, ShareSpec spec) {
        this.start = start;
        this.spec = spec;
    }

    /** The session's context, waiting for the session's start the first time. */
    private synchronized JavaSparkContext context() {
        if (context == null) {
            session = start.get();
            context = JavaSparkContext.fromSparkContext(session.sparkContext());
        }
        return context;
    }

    @Override
    public int width() {
        return context().defaultParallelism();
    }

    @Override
    public ShareResults run(List<List<String>> shares, Set<Integer> correlated) {
        if (shares.isEmpty()) return ShareResults.of(List.of());
        JavaSparkContext context = context();
        context.setJobDescription("dwell: hunt " + shares.size() + " shares of the evidence");
        List<List<String>> plain = new ArrayList<>();
        for (List<String> s : shares) plain.add(new ArrayList<>(s));
        ShareSpec spec = this.spec;
        Broadcast<RuleFiles> rules = context.broadcast(RuleFiles.of(spec));
        JavaRDD<SharePart> parts = context.parallelize(plain, plain.size()).map(new HuntShare(spec, rules));
        // the parts feed several jobs (the correlations, the summary parts' sum, the pivot's index, the driver's merge):
        // kept, not hunted again
        parts.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            var hits = SparkCorrelations.run(parts, spec, correlated, width());
            context.setJobDescription("dwell: add up the shares' summary parts on the executors");
            Map<Integer, Serializable> summed = SummaryParts.sum(parts, spec, rules);
            Set<Integer> done = new TreeSet<>(summed.keySet());
            Function<SharePart, SharePart> strip = p -> SparkIndex.stripped(SummaryParts.rest(SparkCorrelations.stripped(spec, correlated, p), done));
            List<SharePart> merged;
            if (spec.pivot()) {
                context.setJobDescription("dwell: collect the shares' parts, store the index's items beside them");
                SparkIndex.Kept kept = SparkIndex.collect(parts, strip, width());
                merged = kept.parts();
                index = kept.index();
            } else {
                context.setJobDescription("dwell: collect the shares' parts");
                merged = parts.map(strip).collect();
            }
            return new ShareResults(merged, hits, summed);
        } finally {
            parts.unpersist(false);
            rules.destroy();
        }
    }

    @Override
    public IndexJoin pivotIndex() {
        return index;
    }

    @Override
    public void writeTables(ScanOutcome outcome, String folder) {
        JavaSparkContext context = context();
        context.setJobDescription("dwell: write the Parquet tables");
        ParquetTables.write(session, outcome, folder);
        if (index != null) {
            context.setJobDescription("dwell: write the pivot index's entries as Parquet, from the executors");
            ParquetTables.writeEntries(session, index.entries(), folder);
        }
    }

    @Override
    public void close() {
        start.stop();
    }
}
