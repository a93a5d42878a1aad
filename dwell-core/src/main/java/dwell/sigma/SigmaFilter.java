package dwell.sigma;

import dwell.event.LogSource;
import java.util.List;

/**
 * A meta filter: a detection whose condition is added (ANDed) to the rules it names by id or name, or to
 * every rule of its logsource when it names none.
 */
public record SigmaFilter(String id, String title, LogSource logSource, List<String> rules, Detection detection,
                          RuleOrigin origin) {
    public SigmaFilter {
        rules = List.copyOf(rules);
    }
}
