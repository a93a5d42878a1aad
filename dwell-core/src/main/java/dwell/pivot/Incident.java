package dwell.pivot;

import dwell.hunt.Indicator;
import java.time.Instant;
import java.util.List;

/** Findings joined by shared indicators: one actor's trail with its first and last trace. */
public record Incident(String id, Instant first, Instant last, long dwellDays, List<String> hosts,
                       List<Indicator> indicators, List<String> techniques, List<String> cves,
                       List<String> findings, List<StoryStep> story) {

    /** One key event of the story, with where its evidence is. */
    public record StoryStep(Instant time, String summary, String path, long line, long record, String finding) {
    }
}
