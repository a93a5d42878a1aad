package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.FormatId;
import dwell.formats.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dwell.rulecache.RuleCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which events a rule's logsource applies to, and the event's names for the rule's fields: the data of
 * dwell/sigma/mapping.yaml plus user files (--mapping), whose entries come first.
 */
public final class LogsourceMapping {
    /** Events of one kind: logsource parts, optionally a format and event ids, and field aliases. */
    public record Target(String product, String category, String service, FormatId format, Set<String> eventIds,
                         Map<String, List<String>> fields) {
        public Target {
            eventIds = Set.copyOf(eventIds);
            fields = Map.copyOf(fields);
        }

        /** True when the event's logsource and format are this target's (event ids are checked apart). */
        public boolean accepts(LogSource ls, FormatId f) {
            return (product == null || product.equals(ls.product()))
                    && (category == null || category.equals(ls.category()))
                    && (service == null || service.equals(ls.service()))
                    && (format == null || format == f);
        }

        /** The field names to try for a Sigma field: the aliases, then the Sigma name. */
        public String[] names(String sigmaField) {
            List<String> a = fields.get(sigmaField);
            if (a == null) return new String[] {sigmaField};
            List<String> n = new ArrayList<>(a);
            if (!n.contains(sigmaField)) n.add(sigmaField);
            return n.toArray(String[]::new);
        }
    }

    /** One mapping entry: a rule logsource and its targets. */
    record Entry(LogSource rule, List<Target> targets) {
    }

    private static final StampedCache<LogsourceMapping> CACHED = new StampedCache<>("sigmamapping", "the logsource mapping",
            LogsourceMappingCodec::encode, LogsourceMappingCodec::decode);

    private final List<Entry> entries;
    private final String eventIdField;
    /** The logsources the mapping's data names (channels' and targets'); {@link #known} adds the formats' own. */
    private final Set<LogSource> named;
    private final Set<LogSource> known;

    private final Set<FormatId> rawRendersFields;
    /**
     * Each rule logsource's targets once found: thousands of rules share a few dozen logsources, and sharing one
     * target object lets the engine index its branches by target.
     */
    private final Map<LogSource, List<Target>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> dispatchFields;

    LogsourceMapping(List<Entry> entries, String eventIdField, Set<LogSource> named, Set<FormatId> rawRendersFields,
                     Collection<String> dispatchFields) {
        this.rawRendersFields = Set.copyOf(rawRendersFields);
        Set<String> d = new LinkedHashSet<>();
        d.add(eventIdField);
        d.addAll(dispatchFields);
        this.dispatchFields = List.copyOf(d);
        this.entries = List.copyOf(entries);
        this.eventIdField = eventIdField;
        this.named = Collections.unmodifiableSet(new LinkedHashSet<>(named));
        Set<LogSource> k = new LinkedHashSet<>(named);
        k.addAll(Formats.logSources());
        this.known = k;
    }

    /** The built-in mapping. */
    public static LogsourceMapping builtin() {
        try {
            return load(List.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The built-in mapping with the users' files in front, through the run's installed {@link RuleCache}. */
    public static LogsourceMapping load(List<Path> userFiles) throws IOException {
        return load(userFiles, RuleCache.installed());
    }

    /** The built-in mapping with the users' files in front; a repeated run reads it from {@code cache}. */
    public static LogsourceMapping load(List<Path> userFiles, RuleCache cache) throws IOException {
        return CACHED.load(cache, userFiles, () -> parse(userFiles));
    }

    private static LogsourceMapping parse(List<Path> userFiles) throws IOException {
        ObjectMapper m = new ObjectMapper(new YAMLFactory());
        List<Entry> entries = new ArrayList<>();
        String idField = null;
        Set<FormatId> rendering = new java.util.HashSet<>();
        Set<LogSource> named = new LinkedHashSet<>(LogSources.channels());
        Set<String> dispatch = new LinkedHashSet<>();
        for (Path f : userFiles) {
            JsonNode root;
            try (InputStream in = Files.newInputStream(f)) {
                root = m.readTree(in);
            } catch (IOException e) {
                throw new IOException("mapping file " + f + ": " + e.getMessage(), e);
            }
            try {
                idField = read(root, entries, named, idField);
                rendering.addAll(formats(root.path("raw_renders_fields")));
                root.path("dispatch_fields").forEach(x -> dispatch.add(x.asText()));
            } catch (IllegalArgumentException e) {
                throw new IOException("mapping file " + f + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = LogsourceMapping.class.getResourceAsStream("/dwell/sigma/mapping.yaml")) {
            JsonNode root = m.readTree(in);
            idField = read(root, entries, named, idField);
            rendering.addAll(formats(root.path("raw_renders_fields")));
            root.path("dispatch_fields").forEach(x -> dispatch.add(x.asText()));
        }
        return new LogsourceMapping(entries, idField == null ? "EventID" : idField, named, rendering, dispatch);
    }

    List<Entry> entries() {
        return entries;
    }

    Set<LogSource> named() {
        return named;
    }

    Set<FormatId> rawRendersFields() {
        return rawRendersFields;
    }

    private static Set<FormatId> formats(JsonNode list) {
        Set<FormatId> out = new java.util.HashSet<>();
        for (JsonNode f : list) {
            try {
                out.add(Formats.byId(f.asText()).id());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("raw_renders_fields: " + e.getMessage());
            }
        }
        return out;
    }

    /** True when events of the format carry a raw text that only renders their fields (keywords skip it). */
    public boolean rawRendersFields(FormatId f) {
        return f != null && rawRendersFields.contains(f);
    }

    private static String read(JsonNode root, List<Entry> entries, Set<LogSource> known, String idField) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a YAML map");
        if (idField == null && root.hasNonNull("event_id_field")) idField = root.get("event_id_field").asText();
        for (JsonNode e : root.path("sources")) {
            LogSource rule = logSource(e.path("logsource"));
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : e.path("events")) {
                Set<String> ids = new LinkedHashSet<>();
                t.path("EventID").forEach(x -> ids.add(x.asText()));
                if (t.path("EventID").isValueNode()) ids.add(t.get("EventID").asText());
                Map<String, List<String>> fields = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = t.path("fields").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    List<String> names = new ArrayList<>();
                    if (f.getValue().isArray()) f.getValue().forEach(x -> names.add(x.asText()));
                    else names.add(f.getValue().asText());
                    fields.put(f.getKey(), names);
                }
                LogSource ls = logSource(t);
                FormatId format = t.hasNonNull("format") ? Formats.byId(t.get("format").asText()).id() : null;
                targets.add(new Target(ls.product(), ls.category(), ls.service(), format, ids, fields));
                known.add(ls);
            }
            entries.add(new Entry(rule, targets));
        }
        return idField;
    }

    private static LogSource logSource(JsonNode n) {
        return new LogSource(text(n, "product"), text(n, "category"), text(n, "service"));
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText().toLowerCase(Locale.ROOT);
    }

    /**
     * The fields whose values split events into kinds the engine compiles rules for (the event id field first):
     * a rule's tests on them are decided once per kind instead of on every event.
     */
    public List<String> dispatchFields() {
        return dispatchFields;
    }

    public String eventIdField() {
        return eventIdField;
    }

    /** The event id of an event, or null. */
    public String eventId(Event e) {
        return e.get(eventIdField);
    }

    /**
     * The event kinds a rule's logsource applies to; empty when none of the events dwell reads can be one.
     * A mapping entry wins; without one, the rule runs on events with its product, category and service.
     */
    public List<Target> targets(LogSource rule) {
        return resolved.computeIfAbsent(rule, this::resolve);
    }

    private List<Target> resolve(LogSource rule) {
        for (Entry e : entries) {
            LogSource m = e.rule();
            if (Objects.equals(m.category(), rule.category()) && Objects.equals(m.service(), rule.service())
                    && (m.product() == null || rule.product() == null || m.product().equals(rule.product()))) {
                return e.targets();
            }
        }
        if (rule.product() == null && rule.category() == null && rule.service() == null) return List.of();
        Target direct = new Target(rule.product(), rule.category(), rule.service(), null, Set.of(), Map.of());
        for (LogSource k : known) {
            if (direct.accepts(k, null)) return List.of(direct);
        }
        return List.of();
    }
}
