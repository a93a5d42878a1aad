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
 * What an executor needs to hunt a share as the driver would: the item-local rule sources (IOC feeds and placement,
 * YARA rules and time limit), the time window and the catalog's limits, as plain serializable values (paths as
 * strings: the names the rules were read by on the driver, which sends their bytes as {@link RuleFiles}).
 */
record ShareSpec(List<String> iocs, String iocFields, List<String> yara, long yaraTimeout, Instant since, Instant until,
                 long maxExpandedBytes, long maxRatio, int maxDepth, long maxMemberBytes) implements Serializable {

    static ShareSpec of(ScanRequest r) {
        RuleSources s = r.rules();
        CatalogLimits l = r.limits();
        return new ShareSpec(strings(s.iocs()), s.iocFields() == null ? null : s.iocFields().toString(), strings(s.yara()),
                s.yaraTimeout(), r.since(), r.until(), l.maxExpandedBytesPerArchive(), l.maxRatio(), l.maxDepth(), l.maxMemberBytes());
    }

    /** The request again, holding only what a share's hunt reads; its evidence is the share's. */
    ScanRequest request(List<String> share) {
        RuleSources sources = new RuleSources(List.of(), List.of(), List.of(), paths(iocs), iocFields == null ? null : Path.of(iocFields),
                paths(yara), yaraTimeout, false, false);
        return new ScanRequest(share.stream().map(EvidencePaths::of).toList(), sources, since, until, null, 1,
                new CatalogLimits(maxExpandedBytes, maxRatio, maxDepth, maxMemberBytes), PivotSettings.defaults());
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private static List<Path> paths(List<String> strings) {
        return strings.stream().map(Path::of).toList();
    }
}
