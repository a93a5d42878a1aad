package dwell.sigma;

import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule: which rules (by id or name) it correlates, how (type), grouped by which fields,
 * within which timespan, under which threshold. {@code aliases} maps an alias to (rule name or id -> field);
 * {@code percentile} is the rank for value_percentile.
 */
public record CorrelationRule(String id, String name, String title, Level level, List<String> tags,
                              CorrelationType type, List<String> rules, List<String> groupBy, Duration timespan,
                              Threshold threshold, String field, double percentile,
                              Map<String, Map<String, String>> aliases, boolean generate, RuleOrigin origin) {
    public CorrelationRule {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
    }

    public RuleRef ref() {
        return new RuleRef(id, title, level, tags, Map.of("correlation", type.id()));
    }
}
