package dwell.hunt;

import java.util.List;
import java.util.Map;

/** The rule behind a finding: id, title, level, tags, and meta worth keeping (author, reference, description). */
public record RuleRef(String id, String title, Level level, List<String> tags, Map<String, String> meta) implements java.io.Serializable {
    public RuleRef {
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
    }

    public RuleRef(String id, String title, Level level, List<String> tags) {
        this(id, title, level, tags, Map.of());
    }
}
