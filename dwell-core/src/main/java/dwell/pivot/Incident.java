package dwell.pivot;

import java.time.Instant;
import java.util.List;

/**
 * Findings joined by shared strong indicators or by cause: one actor's trail in one realm, with its first and
 * last trace, a one-line summary, and the leads (findings of weak values) that an analyst may follow up.
 */
public record Incident(String id, String summary, Instant first, Instant last, long dwellDays, List<String> hosts,
                       List<Attributed> indicators, List<String> techniques, List<String> cves,
                       List<String> findings, List<String> leads, List<StoryStep> story) {

    /** An indicator attributed to the incident's actor, with its strength and the findings (medium or higher) that show it. */
    public record Attributed(String type, String value, Strength strength, List<String> findings) {
    }

    /** One key event of the story, with where its evidence is. */
    public record StoryStep(Instant time, String summary, String path, long line, long record, String finding) {
    }
}
