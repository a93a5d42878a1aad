package dwell.inventory;

import dwell.evidence.EvidenceItem;
import java.time.Instant;
import java.util.List;

/** What one evidence item holds: its events' count and span, unreadable lines, and the problems met. */
public record ItemSummary(EvidenceItem item, long events, Instant first, Instant last, long unreadable,
                          List<String> problems, List<String> unreadableSamples) implements java.io.Serializable {
    /** The first problem, or a summary of unreadable lines, or null when all went well. */
    public String error() {
        if (!problems.isEmpty()) return String.join("; ", problems);
        if (unreadable > 0 && !unreadableSamples.isEmpty()) return unreadable + " unreadable: " + unreadableSamples.get(0);
        return null;
    }
}
