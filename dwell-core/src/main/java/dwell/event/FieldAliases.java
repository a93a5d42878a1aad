package dwell.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Alternative names for the fields of exported Windows events, so that flat, Winlogbeat/ECS, evtx_dump and
 * PowerShell shapes all answer to {@code EventID}, {@code Channel}, {@code Image}..., and names written with spaces
 * answer as Sigma rules write them ({@code Threat Name} as {@code ThreatName}); the tables are data
 * ({@code /dwell/field-aliases.yaml}).
 */
public final class FieldAliases {
    private static final FieldAliases BUILT_IN = load("/dwell/field-aliases.yaml");

    private final Map<String, List<String>> aliases;
    private final List<String[]> prefixes;
    private final List<String> timeFields;
    private final List<String> spaceReplacements;

    private FieldAliases(Map<String, List<String>> aliases, List<String[]> prefixes, List<String> timeFields,
                         List<String> spaceReplacements) {
        this.aliases = aliases;
        this.prefixes = prefixes;
        this.timeFields = timeFields;
        this.spaceReplacements = spaceReplacements;
    }

    /** The tables shipped with dwell. */
    public static FieldAliases builtIn() {
        return BUILT_IN;
    }

    static FieldAliases load(String resource) {
        try (InputStream in = FieldAliases.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, List<String>> aliases = new HashMap<>();
            root.path("aliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), texts(e.getValue())));
            List<String[]> prefixes = new ArrayList<>();
            for (String p : texts(root.path("prefixes"))) prefixes.add(p.split("\\.", -1));
            return new FieldAliases(Map.copyOf(aliases), List.copyOf(prefixes), List.copyOf(texts(root.path("time"))),
                    List.copyOf(texts(root.path("space_replacements"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The value of alias {@code field}: the first of its source fields that {@code lookup} finds, else null. */
    public String resolve(String field, Function<String, String> lookup) {
        List<String> sources = aliases.get(field);
        if (sources == null) return null;
        for (String s : sources) {
            String v = lookup.apply(s);
            if (v != null) return v;
        }
        return null;
    }

    /**
     * The name a dotted field also answers to when it lies under a prefix ({@code winlog.event_data.Image}
     * gives {@code Image}), or null.
     */
    public String shortName(String dotted) {
        for (String[] p : prefixes) {
            int pos = 0;
            boolean match = true;
            // p ends with an empty segment: "a.b." splits into [a, b, ""]
            for (int i = 0; i < p.length - 1 && match; i++) {
                int dot = dotted.indexOf('.', pos);
                if (dot < 0) {
                    match = false;
                } else if (!p[i].equals("*") && !dotted.regionMatches(pos, p[i], 0, p[i].length())
                        || !p[i].equals("*") && dot - pos != p[i].length()) {
                    match = false;
                } else {
                    pos = dot + 1;
                }
            }
            if (match && pos < dotted.length() && pos > 0) return dotted.substring(pos);
        }
        return null;
    }

    /**
     * The other names a field written with spaces answers to ({@code Threat Name} as {@code ThreatName} and
     * {@code Threat_Name}); none for a name without spaces.
     */
    public List<String> respellings(String name) {
        if (name.indexOf(' ') < 0) return List.of();
        List<String> out = new ArrayList<>(spaceReplacements.size());
        for (String r : spaceReplacements) out.add(name.replace(" ", r));
        return out;
    }

    /**
     * The values of the fields written with spaces under their other names ({@link #respellings}), leaving out
     * names {@code present} already has; empty (and nothing allocated) when no name has a space, as most events.
     */
    public Map<String, String> respelled(Map<String, String> fields, Map<String, String> present) {
        // by forEach: an EVTX event's field table answers it without the entry per field its entrySet makes, and
        // Sigma asks this of nearly every event (a field a rule names is missing)
        Respelling r = new Respelling(present);
        fields.forEach(r);
        return r.out == null ? Map.of() : r.out;
    }

    /** Collects {@link #respelled}'s answer, made at the first name with a space. */
    private final class Respelling implements BiConsumer<String, String> {
        private final Map<String, String> present;
        Map<String, String> out;

        Respelling(Map<String, String> present) {
            this.present = present;
        }

        @Override
        public void accept(String name, String value) {
            if (name.indexOf(' ') < 0) return;
            if (out == null) out = new HashMap<>();
            for (String r : respellings(name)) {
                if (!present.containsKey(r)) out.putIfAbsent(r, value);
            }
        }
    }

    /** The fields that give an event's time, in order of preference. */
    public List<String> timeFields() {
        return timeFields;
    }
}
