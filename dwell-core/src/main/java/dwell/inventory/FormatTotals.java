package dwell.inventory;

import java.time.Instant;

/** Totals for one format: items, events, first and last event time. */
public record FormatTotals(long items, long events, Instant first, Instant last) {
}
