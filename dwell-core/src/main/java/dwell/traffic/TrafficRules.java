package dwell.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The traffic findings' rules ({@code dwell/traffic/rules.yaml}), by rule id. */
public final class TrafficRules {
    /** The rule id of the account that fell. */
    public static final String SPRAY_SUCCESS = "traffic.spray-success";
    private static final Map<String, RuleRef> RULES = load();

    private TrafficRules() {
    }

    public static RuleRef of(String id) {
        RuleRef r = RULES.get(id);
        if (r == null) throw new IllegalArgumentException("no traffic rule " + id);
        return r;
    }

    private static Map<String, RuleRef> load() {
        try (InputStream in = TrafficRules.class.getResourceAsStream("/dwell/traffic/rules.yaml")) {
            if (in == null) throw new IOException("missing resource");
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, RuleRef> m = new HashMap<>();
            for (var it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                List<String> tags = new ArrayList<>();
                e.getValue().path("tags").forEach(t -> tags.add(t.asText()));
                m.put(e.getKey(), new RuleRef(e.getKey(), e.getValue().path("title").asText(),
                        Level.parse(e.getValue().path("level").asText()), tags));
            }
            return Map.copyOf(m);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load dwell/traffic/rules.yaml: " + e.getMessage(), e);
        }
    }
}
