package dwell.ioc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.text.Nesting;
import dwell.ioc.stix.StixPatternException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads STIX 2.1 bundles (or a bare array of objects, or one indicator object), streaming the objects one at
 * a time. Indicator objects with {@code pattern_type: stix} are compiled ({@link StixCompiler}); other object
 * types of the specification are skipped and counted, unknown ones rejected with their id.
 */
final class StixBundleFeed {
    private static final ObjectMapper JSON = new ObjectMapper(Nesting.limit(new JsonFactory()));
    private static final Set<String> STIX_TYPES = Set.of(
            "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "infrastructure",
            "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report",
            "threat-actor", "tool", "vulnerability", "relationship", "sighting", "marking-definition",
            "language-content", "extension-definition", "artifact", "autonomous-system", "directory", "domain-name",
            "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic",
            "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate", "bundle");

    private StixBundleFeed() {
    }

    static void read(InputStream in, FeedContext ctx) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                objects(p, ctx);
            } else if (t == JsonToken.START_OBJECT) {
                // a bundle's "objects" are streamed; a lone indicator object is read whole
                List<String[]> pending = new ArrayList<>();
                boolean sawObjects = false;
                com.fasterxml.jackson.databind.node.ObjectNode single = JSON.createObjectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("objects") && v == JsonToken.START_ARRAY) {
                        sawObjects = true;
                        objects(p, ctx);
                    } else {
                        single.set(name, p.readValueAsTree());
                    }
                }
                if (!sawObjects) {
                    if (single.path("type").asText().equals("indicator")) object(single, 1, ctx);
                    else ctx.reject("file", "not a STIX bundle: no \"objects\" array");
                }
                pending.clear();
            } else {
                ctx.reject("file", "not a STIX bundle: JSON does not start with an object or array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.rejectMalformed(e);
        }
    }

    private static void objects(JsonParser p, FeedContext ctx) throws IOException {
        int index = 0;
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            index++;
            if (t != JsonToken.START_OBJECT) {
                // reported, not silently passed over (and a nested array is walked, so its depth is checked)
                ctx.reject("object " + index, "not a JSON object");
                p.skipChildren();
                continue;
            }
            JsonNode o = p.readValueAsTree();
            object(o, index, ctx);
        }
    }

    private static void object(JsonNode o, int index, FeedContext ctx) {
        String type = o.path("type").asText("");
        String id = o.path("id").asText("");
        String where = id.isEmpty() ? "object " + index : id;
        if (!type.equals("indicator")) {
            if (type.isEmpty()) ctx.reject(where, "object without a type");
            else if (type.startsWith("x-")) ctx.skip("custom object type " + type);
            else if (STIX_TYPES.contains(type)) ctx.skip("not an indicator: " + type);
            else ctx.reject(where, "unknown STIX object type: " + type);
            return;
        }
        if (id.isEmpty()) {
            ctx.reject(where, "indicator without an id");
            return;
        }
        if (o.path("revoked").asBoolean(false)) {
            ctx.skip("revoked indicator");
            return;
        }
        String patternType = o.path("pattern_type").asText("stix");
        if (!patternType.equals("stix")) {
            ctx.reject(id, "unsupported: pattern_type " + patternType + " (only stix patterns are evaluated)");
            return;
        }
        String pattern = o.path("pattern").asText("");
        if (pattern.isEmpty()) {
            ctx.reject(id, "indicator without a pattern");
            return;
        }
        Instant from;
        Instant until;
        try {
            from = instant(o.path("valid_from"));
            until = instant(o.path("valid_until"));
        } catch (DateTimeParseException e) {
            ctx.reject(id, "invalid valid_from/valid_until: " + e.getParsedString());
            return;
        }
        Integer score = o.has("confidence") && o.get("confidence").canConvertToInt() ? o.get("confidence").asInt() : null;
        String comment = o.hasNonNull("name") ? o.get("name").asText() : o.hasNonNull("description") ? o.get("description").asText() : null;
        List<List<StixCompiler.Term>> dnf;
        try {
            dnf = StixCompiler.compile(pattern);
        } catch (StixPatternException e) {
            ctx.reject(id, (e.unsupported() ? "" : "invalid pattern: ") + e.getMessage() + " in " + ValueParser.abbreviate(pattern));
            return;
        }
        IocSource src = ctx.object(id, 0);
        List<Ioc> iocs = new ArrayList<>();
        for (List<StixCompiler.Term> conj : dnf) {
            StixCompiler.Term anchor = anchor(conj);
            if (anchor == null) {
                ctx.reject(id, "unsupported: an observation with only port comparisons cannot be matched in " + ValueParser.abbreviate(pattern));
                return;
            }
            List<Ioc.Check> checks = new ArrayList<>();
            for (StixCompiler.Term t : conj) {
                if (t != anchor) checks.add(new Ioc.Check(t.value(), t.negated(), false));
            }
            iocs.add(new Ioc(anchor.value(), checks, src, score, comment, from, until));
        }
        iocs.forEach(ctx::add);
    }

    /** The term the index looks up: a positive exact value if there is one, else a positive pattern. */
    private static StixCompiler.Term anchor(List<StixCompiler.Term> conj) {
        StixCompiler.Term pattern = null;
        for (StixCompiler.Term t : conj) {
            if (t.negated() || t.value() instanceof IocValue.Port) continue;
            if (!(t.value() instanceof IocValue.Pattern)) return t;
            if (pattern == null) pattern = t;
        }
        return pattern;
    }

    private static Instant instant(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
    }
}
