package dwell.scan;

import dwell.sigma.CorrelationHits;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ShareRunner} gives back: one part per share, in the shares' order, and, when it evaluated the flat
 * Sigma correlations itself (grouped by correlation and key where the parts lie), their hits by the position of the
 * Sigma detector they belong to; those parts then no longer carry the candidates. When it added up the parts of the
 * detectors whose parts sum ({@link dwell.hunt.SummingDetector}) itself, {@code summed} holds one part per such detector
 * by its position, and the shares' parts no longer carry theirs.
 */
public record ShareResults(List<SharePart> parts, Map<Integer, List<CorrelationHits>> correlations,
                           Map<Integer, Serializable> summed) {
    public ShareResults {
        parts = List.copyOf(parts);
        correlations = Map.copyOf(correlations);
        summed = Map.copyOf(summed);
    }

    /** Parts and correlations' hits; every part is merged share by share. */
    public ShareResults(List<SharePart> parts, Map<Integer, List<CorrelationHits>> correlations) {
        this(parts, correlations, Map.of());
    }

    /** Parts alone: every correlation is evaluated where they are merged. */
    public static ShareResults of(List<SharePart> parts) {
        return new ShareResults(parts, Map.of());
    }
}
