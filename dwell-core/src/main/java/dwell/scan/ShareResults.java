package dwell.scan;

import dwell.sigma.CorrelationHits;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ShareRunner} gives back: one part per share, in the shares' order, and, when it evaluated the flat
 * Sigma correlations itself (grouped by correlation and key where the parts lie), their hits by the position of the
 * Sigma detector they belong to; those parts then no longer carry the candidates.
 */
public record ShareResults(List<SharePart> parts, Map<Integer, List<CorrelationHits>> correlations) {
    public ShareResults {
        parts = List.copyOf(parts);
        correlations = Map.copyOf(correlations);
    }

    /** Parts alone: every correlation is evaluated where they are merged. */
    public static ShareResults of(List<SharePart> parts) {
        return new ShareResults(parts, Map.of());
    }
}
