package dwell.scan;

import dwell.hunt.Detector;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.PartialDetector;
import dwell.inventory.InventoryBuilder;
import dwell.yara.YaraDetector;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass over one share of the evidence, with every detector that has a share's form ({@link
 * Detector#itemLocal()}, {@link PartialDetector}), the same time window and catalog limits as the whole scan; the
 * mergeable detectors are not finished here, their parts travel in the {@link SharePart} for {@link ShareMerge}.
 */
public final class ShareHunt {
    private ShareHunt() {
    }

    /** Hunts the share's files (display paths from {@link ItemShares}) with {@code threads} threads. */
    public static SharePart run(ScanRequest request, List<String> share, int threads) throws IOException {
        List<Detector> all = ScanPipeline.shareDetectors(request);
        List<Detector> run = new ArrayList<>();
        for (Detector d : all) if (d.itemLocal() || d instanceof PartialDetector) run.add(d);
        InventoryBuilder inventory = new InventoryBuilder();
        HuntResult r = new HuntEngine(run, ScanPipeline.options(request, threads), request.limits())
                .runShare(share.stream().map(Path::of).toList(), inventory);
        Map<String, String> notScanned = Map.of();
        Map<Integer, Serializable> parts = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Detector d = all.get(i);
            if (d instanceof YaraDetector y) notScanned = y.notScanned();
            if (d instanceof PartialDetector p) parts.put(i, p.part());
        }
        return new SharePart(r.findings(), notScanned, r.problems(), inventory.part(), r.events(), r.eventsInWindow(), parts);
    }
}
