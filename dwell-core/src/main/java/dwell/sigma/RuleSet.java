package dwell.sigma;

import dwell.hunt.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a rule load gave: detection rules, correlations, filters, and the documents rejected with reasons. */
public record RuleSet(List<SigmaRule> rules, List<CorrelationRule> correlations, List<SigmaFilter> filters,
                      List<Diagnostic> rejected, int files) {
    public RuleSet {
        rules = List.copyOf(rules);
        correlations = List.copyOf(correlations);
        filters = List.copyOf(filters);
        rejected = List.copyOf(rejected);
    }

    public int loaded() {
        return rules.size() + correlations.size() + filters.size();
    }

    /** Loaded documents per kind: detection, correlation, filter. */
    public Map<String, Integer> byKind() {
        Map<String, Integer> m = new TreeMap<>();
        m.put("detection", rules.size());
        m.put("correlation", correlations.size());
        m.put("filter", filters.size());
        return m;
    }
}
