package dwell.traffic;

import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The traffic analysis alone, without a full scan ({@code dwell traffic}): the same detector on the same engine. */
public final class TrafficAnalysis {
    private TrafficAnalysis() {
    }

    /**
     * The rate series and episodes of the web logs among {@code paths}: {@code {"events", "series":[...],
     * "episodes":[...]}}, the episodes as a scan's traffic findings would be.
     */
    public static Map<String, Object> run(List<Path> paths, CatalogLimits limits, int threads) throws IOException {
        return run(paths, limits, threads, Progress.NONE);
    }

    /** The same, telling {@code progress} how far the reading got. */
    public static Map<String, Object> run(List<Path> paths, CatalogLimits limits, int threads, Progress progress)
            throws IOException {
        ScanOptions options = new ScanOptions(null, null, Level.INFORMATIONAL, threads);
        TrafficDetector d = TrafficDetector.builtin(limits, options);
        HuntResult r = new HuntEngine(List.of(d), options, limits, progress).run(paths);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", r.events());
        out.putAll(d.summary());
        return out;
    }
}
