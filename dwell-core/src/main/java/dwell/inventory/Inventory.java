package dwell.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What evidence is there: every item, totals per format, the overall span and the coverage gaps. */
public record Inventory(List<ItemSummary> items, Map<String, FormatTotals> formats, long totalEvents,
                        Instant first, Instant last, List<Gap> gaps) {
}
