package dwell.spark;

import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidencePaths;
import dwell.scan.PivotSettings;
import dwell.scan.RuleSources;
import dwell.scan.ScanRequest;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What an executor needs to hunt a share as the driver would: every rule source (Sigma rules with their mappings and
 * placeholders, IOC feeds and placement, YARA rules and time limit, the built-in packs, strictness), the time window,
 * the catalog's limits, whether the pivot is on, with which exclusions and what memory a share's index may hold, as plain serializable
 * values (paths as strings: executors read the Sigma rules, mappings, placeholders and exclusions at the same paths
 * as the driver; the item-local rule files are read on the driver alone, which sends their bytes as {@link RuleFiles}).
 */
record ShareSpec(List<String> sigma, List<String> mappings, List<String> placeholders, List<String> iocs, String iocFields,
                 List<String> yara, long yaraTimeout, boolean builtin, boolean strict, Instant since, Instant until,
                 long maxExpandedBytes, long maxRatio, int maxDepth, long maxMemberBytes, boolean pivot,
                 List<String> exclude, long pivotMemory) implements Serializable {

    static ShareSpec of(ScanRequest r) {
        RuleSources s = r.rules();
        CatalogLimits l = r.limits();
        return new ShareSpec(strings(s.sigma()), strings(s.mappings()), strings(s.placeholders()), strings(s.iocs()),
                s.iocFields() == null ? null : s.iocFields().toString(), strings(s.yara()), s.yaraTimeout(), s.builtin(),
                s.strict(), r.since(), r.until(), l.maxExpandedBytesPerArchive(), l.maxRatio(), l.maxDepth(),
                l.maxMemberBytes(), r.pivot().enabled(), strings(r.pivot().exclude()), r.pivot().budget().memory());
    }

    /** The request again, holding what a share's hunt reads; its evidence is the share's. */
    ScanRequest request(List<String> share) {
        RuleSources sources = new RuleSources(paths(sigma), paths(mappings), paths(placeholders), paths(iocs),
                iocFields == null ? null : Path.of(iocFields), paths(yara), yaraTimeout, builtin, strict);
        PivotSettings d = PivotSettings.defaults();
        return new ScanRequest(share.stream().map(EvidencePaths::of).toList(), sources, since, until, null, 1,
                new CatalogLimits(maxExpandedBytes, maxRatio, maxDepth, maxMemberBytes),
                new PivotSettings(pivot, d.depth(), paths(exclude), null, d.budget().withMemory(pivotMemory)));
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private static List<Path> paths(List<String> strings) {
        return strings.stream().map(Path::of).toList();
    }
}
