package dwell.sigma;

import dwell.event.LogSource;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.util.List;
import java.util.Map;

/** A Sigma detection rule as loaded: identity, meta, logsource and detection. */
public record SigmaRule(String id, String name, String title, Level level, String status, List<String> tags,
                        LogSource logSource, Detection detection, List<String> fields, Map<String, String> meta,
                        RuleOrigin origin) {
    public SigmaRule {
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        meta = Map.copyOf(meta);
    }

    /** The rule as findings name it. */
    public RuleRef ref() {
        return new RuleRef(id, title, level, tags, meta);
    }

    /** This rule with a detection replaced (meta filters add their conditions so). */
    public SigmaRule withDetection(Detection d) {
        return new SigmaRule(id, name, title, level, status, tags, logSource, d, fields, meta, origin);
    }
}
