package dwell.evidence;

/**
 * Limits against decompression bombs and runaway nesting; all configurable. The byte and ratio limits apply
 * to one archive file on disk, counting what every nesting level inside it expands to.
 */
public record CatalogLimits(long maxExpandedBytesPerArchive, long maxRatio, int maxDepth, long maxMemberBytes) {
    /** 16 GiB per archive, ratio 1000:1 (judged past 1 MiB), 8 levels of nesting, 8 GiB per member. */
    public static final CatalogLimits DEFAULT = new CatalogLimits(16L << 30, 1000, 8, 8L << 30);

    public CatalogLimits {
        if (maxExpandedBytesPerArchive <= 0 || maxRatio <= 0 || maxDepth < 0 || maxMemberBytes <= 0) {
            throw new IllegalArgumentException("catalog limits must be positive (depth may be 0)");
        }
    }
}
