package dwell.spark;

import dwell.scan.SharePart;
import dwell.scan.ShareHunt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/** The task an executor runs on one share: the core's {@link ShareHunt}, one thread (Spark runs the tasks side by side). */
final class HuntShare implements Function<List<String>, SharePart> {
    private final ShareSpec spec;

    HuntShare(ShareSpec spec) {
        this.spec = spec;
    }

    @Override
    public SharePart call(List<String> share) {
        try {
            return ShareHunt.run(spec.request(share), share, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
