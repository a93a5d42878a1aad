package dwell.inventory;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What one share's reading counted ({@link InventoryBuilder#part}): its items' summaries and each daily series' days. */
public record InventoryPart(List<ItemSummary> items, Map<String, List<LocalDate>> seriesDays) implements Serializable {
}
