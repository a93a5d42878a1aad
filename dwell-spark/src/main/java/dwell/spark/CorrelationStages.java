package dwell.spark;

import dwell.scan.ShareHunt;
import dwell.sigma.CorrelationStage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flat correlations' stages of a scan, compiled once per executor JVM and scan (their rules are compiled where
 * they run, not shipped), by the position of their Sigma detector.
 */
final class CorrelationStages {
    private static final Map<ShareSpec, Map<Integer, CorrelationStage>> COMPILED = new ConcurrentHashMap<>();

    private CorrelationStages() {
    }

    static Map<Integer, CorrelationStage> of(ShareSpec spec) {
        return COMPILED.computeIfAbsent(spec, s -> ShareHunt.correlationStages(s.request(List.of())));
    }
}
