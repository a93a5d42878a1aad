package dwell.cli;

import dwell.evidence.CatalogLimits;
import picocli.CommandLine.Option;

/** Options that set the catalog's limits against decompression bombs. */
public final class LimitOptions {
    @Option(names = "--max-expanded", paramLabel = "BYTES", description = "Most bytes one archive may expand to.")
    long maxExpanded = CatalogLimits.DEFAULT.maxExpandedBytesPerArchive();

    @Option(names = "--max-ratio", paramLabel = "N", description = "Highest expansion ratio of an archive.")
    long maxRatio = CatalogLimits.DEFAULT.maxRatio();

    @Option(names = "--max-depth", paramLabel = "N", description = "Deepest archive nesting opened.")
    int maxDepth = CatalogLimits.DEFAULT.maxDepth();

    public CatalogLimits limits() {
        return new CatalogLimits(maxExpanded, maxRatio, maxDepth, CatalogLimits.DEFAULT.maxMemberBytes());
    }
}
