package dwell.scan;

import dwell.evidence.CatalogLimits;
import dwell.hunt.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A scan as a front end asks for it: the evidence, the rules and feeds to hunt it with, the time window
 * ({@code since}/{@code until}, either may be null), the lowest level of finding kept, the worker threads, the
 * catalog's limits against archive bombs, and the pivot's settings.
 */
public record ScanRequest(List<Path> evidence, RuleSources rules, Instant since, Instant until, Level minLevel,
                          int threads, CatalogLimits limits, PivotSettings pivot) {
    public ScanRequest {
        evidence = List.copyOf(evidence);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    }
}
