package dwell.scan;

import dwell.pivot.PivotConfig;
import dwell.pivot.store.IndexBudget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * How the scan re-hunts what its findings reveal: whether at all, how many rounds, the known-good values of
 * {@code exclude} files, the day dwell time is measured to ({@code asOf}, null for the last trace), and the
 * pivot index's memory and disk budget.
 */
public record PivotSettings(boolean enabled, int depth, List<Path> exclude, Instant asOf, IndexBudget budget) {
    public PivotSettings {
        exclude = List.copyOf(exclude);
        if (depth < 0) throw new IllegalArgumentException("pivot depth must be 0 or more");
    }

    public static PivotSettings defaults() {
        return new PivotSettings(true, PivotConfig.DEFAULT.depth(), List.of(), null, IndexBudget.defaults());
    }
}
