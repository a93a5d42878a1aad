package dwell.scan;

import dwell.evidence.EvidencePaths;
import dwell.hunt.Detector;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.PartialDetector;
import dwell.hunt.SummingDetector;
import dwell.inventory.InventoryBuilder;
import dwell.ioc.IocDetector;
import dwell.sigma.CorrelationStage;
import dwell.sigma.SigmaDetector;
import dwell.yara.YaraDetector;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
        return run(null, request, share, threads);
    }

    /**
     * Hunts the share with the item-local detectors compiled elsewhere (once per executor, from the rule files' bytes
     * the driver sent), or compiled from {@code request}'s rule sources when {@code itemLocal} is null.
     */
    public static SharePart run(List<Detector> itemLocal, ScanRequest request, List<String> share, int threads) throws IOException {
        // an IOC detector compiled once for several shares counts each share's hits apart: they are the share's part
        List<Detector> own = itemLocal == null ? null : itemLocal.stream().map(d -> d instanceof IocDetector i ? i.forShare() : d).toList();
        List<Detector> all = ScanPipeline.shareDetectors(request, own);
        List<Detector> run = new ArrayList<>();
        for (Detector d : all) if (d.itemLocal() || d instanceof PartialDetector) run.add(d);
        InventoryBuilder inventory = new InventoryBuilder();
        HuntResult r = new HuntEngine(run, ScanPipeline.options(request, threads), request.limits())
                .runShare(share.stream().map(EvidencePaths::of).toList(), inventory);
        Map<String, String> notScanned = Map.of();
        Map<Integer, Serializable> parts = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Detector d = all.get(i);
            if (d instanceof YaraDetector y) notScanned = y.notScanned();
            if (d instanceof PartialDetector p) parts.put(i, p.part());
        }
        return new SharePart(r.findings(), notScanned, r.problems(), inventory.part(), r.events(), r.eventsInWindow(), parts);
    }

    /**
     * Blank twins of the scan's detectors whose parts add up apart ({@link SummingDetector}), by their position, to add
     * the shares' parts where they lie; {@code itemLocal} as for {@link #run(List, ScanRequest, List, int)}.
     */
    public static Map<Integer, SummingDetector> summing(List<Detector> itemLocal, ScanRequest request) {
        List<Detector> all = ScanPipeline.shareDetectors(request, itemLocal);
        Map<Integer, SummingDetector> out = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) if (all.get(i) instanceof SummingDetector s) out.put(i, s.blank());
        return out;
    }

    /** The positions of the Sigma detectors with flat correlations in a scan's detector list. */
    static Set<Integer> correlated(List<Detector> detectors) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < detectors.size(); i++) {
            if (detectors.get(i) instanceof SigmaDetector s && new CorrelationStage(s).any()) out.add(i);
        }
        return out;
    }

    /**
     * The flat correlations' stages of a scan's Sigma detectors, compiled here, by their position (Sigma's comes before
     * the item-local detectors, which are left out: its rules alone are compiled).
     */
    public static Map<Integer, CorrelationStage> correlationStages(ScanRequest request) {
        List<Detector> detectors = ScanPipeline.shareDetectors(request, List.of());
        Map<Integer, CorrelationStage> out = new TreeMap<>();
        for (int i : correlated(detectors)) out.put(i, new CorrelationStage((SigmaDetector) detectors.get(i)));
        return out;
    }
}
