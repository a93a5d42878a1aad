package dwell.exchange.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rule metadata of the pack's code checks and the exposure window start, read from checks.yaml. */
public final class CheckRules {
    static final String RESOURCE = "/dwell/builtin/exchange/checks.yaml";

    private final Map<String, RuleRef> rules;
    private final Instant exposureStart;
    private final Map<String, List<String>> iocTags;

    private CheckRules(Map<String, RuleRef> rules, Instant exposureStart, Map<String, List<String>> iocTags) {
        this.rules = Map.copyOf(rules);
        this.exposureStart = exposureStart;
        this.iocTags = Map.copyOf(iocTags);
    }

    /** Loads the built-in table; a broken resource is a build defect, so it fails loudly. */
    public static CheckRules load() {
        try (InputStream in = CheckRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, RuleRef> rules = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("checks").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                List<String> tags = new ArrayList<>();
                n.path("tags").forEach(t -> tags.add(t.asText()));
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("author", "dwell");
                meta.put("check", e.getKey());
                if (n.hasNonNull("reference")) meta.put("reference", n.get("reference").asText());
                if (n.hasNonNull("description")) meta.put("description", n.get("description").asText());
                rules.put(e.getKey(), new RuleRef(n.path("id").asText(), n.path("title").asText(),
                        Level.parse(n.path("level").asText()), tags, meta));
            }
            Map<String, List<String>> iocTags = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("ioc_tags").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> tags = new ArrayList<>();
                e.getValue().forEach(t -> tags.add(t.asText()));
                iocTags.put(e.getKey(), List.copyOf(tags));
            }
            return new CheckRules(rules, Instant.parse(root.path("exposure_start").asText()), iocTags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** The rule of a check by its key in checks.yaml. */
    public RuleRef rule(String check) {
        RuleRef r = rules.get(check);
        if (r == null) throw new IllegalArgumentException("no check " + check + " in " + RESOURCE);
        return r;
    }

    public Map<String, RuleRef> all() {
        return rules;
    }

    /** The tags the pack's IOC findings get, by indicator type id (ipv4, sha256, file-path...); empty if none. */
    public List<String> iocTags(String type) {
        return iocTags.getOrDefault(type, List.of());
    }

    /** When ProxyLogon exploitation began: logs must reach back before this to rule it out. */
    public Instant exposureStart() {
        return exposureStart;
    }
}
