package dwell.spark;

import dwell.hunt.SummingDetector;
import dwell.scan.SharePart;
import dwell.scan.ShareHunt;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The shares' summary parts (the census, SID names, exposure, the pack's log coverage and traffic counts, the IOC feeds'
 * hits: every {@link SummingDetector}'s) added up on the executors, by blank twins of the detectors compiled once per
 * JVM: the driver takes in one sum per detector. The sums are unions, sums, minima and maxima, so the grouping and
 * order of the sums, which Spark does not fix, change nothing.
 */
final class SummaryParts implements Function2<TreeMap<Integer, Serializable>, TreeMap<Integer, Serializable>, TreeMap<Integer, Serializable>> {
    private static final Map<String, Map<Integer, SummingDetector>> TWINS = new ConcurrentHashMap<>();

    private final ShareSpec spec;
    private final Broadcast<RuleFiles> rules;

    private SummaryParts(ShareSpec spec, Broadcast<RuleFiles> rules) {
        this.spec = spec;
        this.rules = rules;
    }

    /** One part per summing detector, by its position: the sum of every share's. */
    static Map<Integer, Serializable> sum(JavaRDD<SharePart> parts, ShareSpec spec, Broadcast<RuleFiles> rules) {
        SummaryParts adding = new SummaryParts(spec, rules);
        // each share's summed where it was hunted, then all of them in one task of an executor, whose twins are compiled
        // already: a treeReduce ends on the driver, which on a cluster compiled the scan's detectors once more for its sum
        return parts.map(adding::summable).mapPartitions(adding::total).repartition(1).mapPartitions(adding::total)
                .collect().get(0);
    }

    private Iterator<TreeMap<Integer, Serializable>> total(Iterator<TreeMap<Integer, Serializable>> sums) {
        if (!sums.hasNext()) return Collections.emptyIterator();
        TreeMap<Integer, Serializable> out = sums.next();
        while (sums.hasNext()) out = call(out, sums.next());
        return List.of(out).iterator();
    }

    /** A share's parts without the summed ones. */
    static SharePart rest(SharePart p, Iterable<Integer> summed) {
        SharePart r = p;
        for (int i : summed) r = r.withoutPart(i);
        return r;
    }

    private TreeMap<Integer, Serializable> summable(SharePart p) {
        TreeMap<Integer, Serializable> out = new TreeMap<>();
        for (int i : twins().keySet()) {
            Serializable part = p.parts().get(i);
            if (part != null) out.put(i, part);
        }
        return out;
    }

    @Override
    public TreeMap<Integer, Serializable> call(TreeMap<Integer, Serializable> a, TreeMap<Integer, Serializable> b) {
        Map<Integer, SummingDetector> twins = twins();
        TreeMap<Integer, Serializable> out = new TreeMap<>(a);
        b.forEach((i, part) -> out.merge(i, part, twins.get(i)::sum));
        return out;
    }

    private Map<Integer, SummingDetector> twins() {
        String application = SparkEnv.get().conf().getAppId();
        return TWINS.computeIfAbsent(application + '\0' + rules.value().digest(), k ->
                ShareHunt.summing(ExecutorRules.detectors(application, spec, rules.value()), spec.request(List.of())));
    }
}
