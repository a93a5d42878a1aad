package dwell.evidence;

/** Limits against decompression bombs and runaway nesting; all configurable. */
public record CatalogLimits(long maxExpandedBytesPerArchive, long maxRatio, int maxDepth, long maxMemberBytes) {
    /** 16 GiB per archive, ratio 1000:1 (checked once past 1 MiB), 8 levels of nesting, 8 GiB per member. */
    public static final CatalogLimits DEFAULT = new CatalogLimits(16L << 30, 1000, 8, 8L << 30);
}
