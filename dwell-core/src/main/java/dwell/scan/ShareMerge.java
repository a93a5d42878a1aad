package dwell.scan;

import dwell.evidence.Catalog;
import dwell.evidence.ListingGaps;
import dwell.evidence.UnlistedPath;
import dwell.hunt.Detector;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.hunt.MergingDetector;
import dwell.inventory.Inventory;
import dwell.inventory.InventoryBuilder;
import dwell.sigma.SigmaDetector;
import dwell.yara.YaraDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shares' parts joined into the whole scan's first pass: their findings, problems, inventories and event counts
 * summed, each mergeable detector given its twins' parts in the shares' order and then finished here (Sigma
 * correlations fire, the flat ones from the hits the runner evaluated when it did, the pivot index is complete), and, when this process read the evidence for the detectors no
 * share can run ({@code own}), its pass joined too; findings in the one output order.
 */
final class ShareMerge {
    private final List<Detector> detectors;
    private final HuntResult own;
    private final List<Path> evidence;

    ShareMerge(List<Detector> detectors, HuntResult own, List<Path> evidence) {
        this.detectors = detectors;
        this.own = own;
        this.evidence = evidence;
    }

    HuntResult merge(ShareResults results) throws IOException {
        List<SharePart> parts = results.parts();
        results.correlations().forEach((i, hits) -> ((SigmaDetector) detectors.get(i)).evaluated(hits));
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        InventoryBuilder counted = new InventoryBuilder();
        long events = 0;
        long inWindow = 0;
        for (SharePart p : parts) {
            findings.addAll(p.findings());
            // with a pass of its own this process met the items' problems itself; the shares' detectors' are theirs
            problems.addAll(own == null ? p.problems() : p.problems().stream().filter(s -> s.startsWith("detector ")).toList());
            counted.merge(p.inventory());
            events += p.events();
            inWindow += p.eventsInWindow();
            p.parts().forEach((i, part) -> ((MergingDetector) detectors.get(i)).merge(part));
            for (Detector d : detectors) if (d instanceof YaraDetector y) y.addNotScanned(p.yaraNotScanned());
        }
        // parts the runner added up itself: one per detector, after the shares' (their merges add, in any order)
        results.summed().forEach((i, part) -> ((MergingDetector) detectors.get(i)).merge(part));
        if (own == null) {
            // no pass here read the evidence: what the listing alone reports (the shares hold listed files only) is added
            ListingGaps gaps = Catalog.gaps(evidence);
            for (Path folder : gaps.outputFolders()) problems.add(HuntEngine.notRead(folder));
            for (UnlistedPath u : gaps.unlisted()) counted.finished(u.item(), List.of(u.reason()));
        }
        Inventory inventory = own == null ? counted.build() : own.inventory();
        if (own != null) {
            findings.addAll(own.findings());
            problems.addAll(own.problems());
            events = own.events();
            inWindow = own.eventsInWindow();
        }
        List<Finding> finished = new ArrayList<>();
        for (Detector d : detectors) {
            if (!(d instanceof MergingDetector)) continue;
            try {
                d.finish(finished::add);
            } catch (RuntimeException e) {
                problems.add("detector " + d.id() + " failed to finish: " + e);
            }
        }
        findings.addAll(HuntEngine.order(finished, inventory, Level.INFORMATIONAL));
        findings.sort(HuntEngine.ORDER);
        problems.sort(null);
        return new HuntResult(inventory, findings, events, inWindow, problems);
    }
}
