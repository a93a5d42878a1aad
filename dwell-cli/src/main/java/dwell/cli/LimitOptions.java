package dwell.cli;

import dwell.evidence.CatalogLimits;
import picocli.CommandLine.Option;

/** Options that set the catalog's limits against decompression bombs. */
public final class LimitOptions {
    @Option(names = "--max-expanded", paramLabel = "BYTES", description = "Most bytes one archive file may expand to, all nesting levels together (default: ${DEFAULT-VALUE}).")
    long maxExpanded = CatalogLimits.DEFAULT.maxExpandedBytesPerArchive();

    @Option(names = "--max-ratio", paramLabel = "N", description = "Highest ratio of expanded bytes to bytes read from disk, judged past 1 MiB (default: ${DEFAULT-VALUE}).")
    long maxRatio = CatalogLimits.DEFAULT.maxRatio();

    @Option(names = "--max-depth", paramLabel = "N", description = "Deepest archive nesting opened; 0 opens no archive (default: ${DEFAULT-VALUE}).")
    int maxDepth = CatalogLimits.DEFAULT.maxDepth();

    public CatalogLimits limits() {
        return new CatalogLimits(maxExpanded, maxRatio, maxDepth, CatalogLimits.DEFAULT.maxMemberBytes());
    }
}
