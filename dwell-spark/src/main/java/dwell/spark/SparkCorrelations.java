package dwell.spark;

import dwell.scan.SharePart;
import dwell.sigma.CorrelationCandidate;
import dwell.sigma.CorrelationHits;
import dwell.sigma.CorrelationStage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sigma's flat correlations as a Spark job over the shares' parts: each part's candidates keyed by (Sigma detector,
 * correlation, group key), shuffled so that one group meets in one task, evaluated there in time order; only the
 * firings reach the driver. The parts the driver collects are stripped of the candidates ({@link #stripped}).
 */
final class SparkCorrelations {
    private SparkCorrelations() {
    }

    /** The firings by Sigma detector position; nothing is run when no detector has a flat correlation. */
    static Map<Integer, List<CorrelationHits>> run(JavaRDD<SharePart> parts, ShareSpec spec, Set<Integer> correlated, int width) {
        Map<Integer, List<CorrelationHits>> out = new TreeMap<>();
        if (correlated.isEmpty()) return out;
        parts.context().setJobDescription("dwell: Sigma correlations, candidates grouped by correlation and key");
        List<Tuple2<Integer, CorrelationHits>> hits = parts
                .flatMapToPair(p -> candidates(spec, correlated, p))
                .groupByKey(width)
                .map(g -> evaluate(spec, g._1(), g._2()))
                .collect();
        for (int i : correlated) out.put(i, new ArrayList<>());
        for (Tuple2<Integer, CorrelationHits> h : hits) out.get(h._1()).add(h._2());
        return out;
    }

    /** The part without the candidates the job evaluated. */
    static SharePart stripped(ShareSpec spec, Set<Integer> correlated, SharePart p) {
        SharePart r = p;
        for (int i : correlated) r = r.withPart(i, stage(spec, i).rest(p.parts().get(i)));
        return r;
    }

    private static Iterator<Tuple2<List<String>, CorrelationCandidate>> candidates(ShareSpec spec, Set<Integer> correlated, SharePart p) {
        List<Tuple2<List<String>, CorrelationCandidate>> out = new ArrayList<>();
        for (int i : correlated) {
            Serializable part = p.parts().get(i);
            for (CorrelationCandidate c : stage(spec, i).candidates(part)) {
                List<String> key = new ArrayList<>();
                key.add(Integer.toString(i));
                key.addAll(c.group());
                out.add(new Tuple2<>(key, c));
            }
        }
        return out.iterator();
    }

    private static Tuple2<Integer, CorrelationHits> evaluate(ShareSpec spec, List<String> key, Iterable<CorrelationCandidate> group) {
        int detector = Integer.parseInt(key.get(0));
        List<CorrelationCandidate> all = new ArrayList<>();
        group.forEach(all::add);
        return new Tuple2<>(detector, stage(spec, detector).evaluate(all));
    }

    private static CorrelationStage stage(ShareSpec spec, int detector) {
        return CorrelationStages.of(spec).get(detector);
    }
}
