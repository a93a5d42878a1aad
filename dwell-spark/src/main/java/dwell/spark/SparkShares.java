package dwell.spark;

import dwell.scan.OutcomeTables;
import dwell.scan.ScanOutcome;
import dwell.scan.SharePart;
import dwell.scan.ShareRunner;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/** Hunts shares as Spark tasks, one partition each, on the session's executors; writes the outcome's Parquet tables. */
final class SparkShares implements ShareRunner, OutcomeTables {
    private final SparkSession session;
    private final JavaSparkContext context;
    private final ShareSpec spec;

    SparkShares(SparkSession session, ShareSpec spec) {
        this.session = session;
        this.context = JavaSparkContext.fromSparkContext(session.sparkContext());
        this.spec = spec;
    }

    @Override
    public int width() {
        return context.defaultParallelism();
    }

    @Override
    public List<SharePart> run(List<List<String>> shares) {
        if (shares.isEmpty()) return List.of();
        context.setJobDescription("dwell: hunt " + shares.size() + " shares of the evidence");
        List<List<String>> plain = new ArrayList<>();
        for (List<String> s : shares) plain.add(new ArrayList<>(s));
        Broadcast<RuleFiles> rules = context.broadcast(RuleFiles.of(spec));
        try {
            return context.parallelize(plain, plain.size()).map(new HuntShare(spec, rules)).collect();
        } finally {
            rules.destroy();
        }
    }

    @Override
    public void writeTables(ScanOutcome outcome, String folder) {
        context.setJobDescription("dwell: write the Parquet tables");
        ParquetTables.write(session, outcome, folder);
    }

    @Override
    public void close() {
        session.stop();
    }
}
