package dwell.scan;

import dwell.evidence.EvidencePaths;
import dwell.hunt.Detector;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.yara.YaraDetector;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The item-local part of a scan (IOC feeds, YARA: {@link Detector#itemLocal()}) over one share of the evidence, with
 * the same detectors, time window and catalog limits as the whole scan; {@link ScanPipeline} merges the parts.
 */
public final class ShareHunt {
    private ShareHunt() {
    }

    /** Hunts the share's files (display paths from {@link ItemShares}) with {@code threads} threads. */
    public static SharePart run(ScanRequest request, List<String> share, int threads) throws IOException {
        return run(ScanPipeline.itemLocalDetectors(request.rules()), request, share, threads);
    }

    /**
     * Hunts the share with item-local detectors compiled elsewhere (once per executor, from the rules the driver sent);
     * {@code request}'s rule sources are not read.
     */
    public static SharePart run(List<Detector> detectors, ScanRequest request, List<String> share, int threads) throws IOException {
        HuntResult r = new HuntEngine(detectors, ScanPipeline.options(request, threads), request.limits())
                .run(share.stream().map(EvidencePaths::of).toList());
        Map<String, String> notScanned = Map.of();
        for (Detector d : detectors) if (d instanceof YaraDetector y) notScanned = y.notScanned();
        // the items' own problems are the whole scan's to report, from its own reading; only the detectors' are kept
        List<String> failures = r.problems().stream().filter(p -> p.startsWith("detector ")).toList();
        return new SharePart(r.findings(), notScanned, failures);
    }
}
