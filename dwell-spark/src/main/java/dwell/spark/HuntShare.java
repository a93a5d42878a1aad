package dwell.spark;

import dwell.scan.SharePart;
import dwell.scan.ShareHunt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task an executor runs on one share: the core's {@link ShareHunt}, one thread (Spark runs the tasks side by side),
 * with the detectors compiled from the broadcast rule files.
 */
final class HuntShare implements Function<List<String>, SharePart> {
    private final ShareSpec spec;
    private final Broadcast<RuleFiles> rules;

    HuntShare(ShareSpec spec, Broadcast<RuleFiles> rules) {
        this.spec = spec;
        this.rules = rules;
    }

    @Override
    public SharePart call(List<String> share) {
        try {
            String application = SparkEnv.get().conf().getAppId();
            return ShareHunt.run(ExecutorRules.detectors(application, spec, rules.value()), spec.request(share), share, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
