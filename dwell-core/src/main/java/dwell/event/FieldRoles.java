package dwell.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The one table of field roles ({@code dwell/fields/roles.yaml}): which fields play which {@link FieldRole}, by
 * role and by name, names matched case-insensitively and through event-data containers.
 */
public final class FieldRoles {
    /** A field of the table: its role, its place in the role's order of preference, and its spelling there. */
    public record Entry(FieldRole role, int rank, String name) {
    }

    private static final String RESOURCE = "/dwell/fields/roles.yaml";
    private static final String EVENT_DATA = "event_data.";
    /** Bounded: JSON logs can have endless distinct keys. */
    private static final int MAX_CACHED = 10_000;
    /**
     * {@link #tableName}'s answers: the pivot and the impact analysis ask it for every field of every finding, once per
     * rule they try (an alias table walk and a lower-cased copy each time); an event's field names are few.
     */
    private static final Map<String, String> TABLE_NAMES = new ConcurrentHashMap<>();
    private static final Entry NONE = new Entry(null, -1, "");
    private static final FieldRoles BUILT_IN = loadBuiltin();

    private final Map<FieldRole, List<String>> fields;
    private final Map<String, Entry> byLowerName;
    /** Names as events spell them, resolved once: the hot paths meet the same few names millions of times. */
    private final Map<String, Entry> resolved = new ConcurrentHashMap<>();
    /** The names met most, answered before the map: each event asks about each of its fields. */
    private final FieldNameCache<Entry> recent = new FieldNameCache<>(this::resolve);

    private FieldRoles(Map<FieldRole, List<String>> fields, Map<String, Entry> byLowerName) {
        this.fields = fields;
        this.byLowerName = byLowerName;
    }

    /** The table shipped with dwell. */
    public static FieldRoles builtin() {
        return BUILT_IN;
    }

    private static FieldRoles loadBuiltin() {
        try (InputStream in = FieldRoles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("missing resource " + RESOURCE);
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** Reads a table in the layout of {@code roles.yaml}: role -> field names; a name may have one role only. */
    public static FieldRoles load(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.isObject()) throw new IOException("a field role table is a map of role to field names");
        Map<FieldRole, List<String>> fields = new EnumMap<>(FieldRole.class);
        Map<String, Entry> byLowerName = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldRole role;
            try {
                role = FieldRole.byId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IOException(ex.getMessage());
            }
            if (!e.getValue().isArray()) throw new IOException("role " + role.id() + ": a list of field names");
            List<String> names = new ArrayList<>();
            for (JsonNode n : e.getValue()) {
                String name = n.asText().strip();
                if (name.isEmpty()) throw new IOException("role " + role.id() + ": an empty field name");
                Entry prev = byLowerName.putIfAbsent(lower(name), new Entry(role, names.size(), name));
                if (prev != null) {
                    throw new IOException("field " + name + " has two roles: " + prev.role().id() + " and " + role.id());
                }
                names.add(name);
            }
            fields.put(role, List.copyOf(names));
        }
        return new FieldRoles(fields, Map.copyOf(byLowerName));
    }

    /** The fields of a role, as the table spells them, in its order of preference. */
    public List<String> fieldsOf(FieldRole role) {
        return fields.getOrDefault(role, List.of());
    }

    /** The role of a field as an event names it, or null. */
    public FieldRole roleOf(String field) {
        Entry e = entry(field);
        return e == null ? null : e.role();
    }

    /** The table's entry for a field as an event names it, or null when it plays no role. */
    public Entry entry(String field) {
        Entry e = recent.get(field);
        return e == NONE ? null : e;
    }

    /** The entry for a field, {@link #NONE} when it plays no role: names resolved once and kept (up to a bound). */
    private Entry resolve(String field) {
        Entry e = resolved.get(field);
        if (e == null) {
            e = byLowerName.get(lower(field));
            if (e == null) {
                String inner = tableName(field);
                if (!inner.equals(field)) e = byLowerName.get(lower(inner));
            }
            if (e == null) e = NONE;
            if (resolved.size() < MAX_CACHED) resolved.put(field, e);
        }
        return e;
    }

    /**
     * The value of the most preferred field that plays one of {@code roles} (earlier roles first, then the table's
     * order), skipping empty values and W3C's "-"; null when none.
     */
    public String firstOf(Map<String, String> event, List<FieldRole> roles) {
        // forEach, not entrySet: an EVTX event's table then makes no entry object per field (the pivot's and the
        // impact's stages ask this of every field of every finding, several times over)
        Preferred p = new Preferred(roles);
        event.forEach(p);
        return p.best;
    }

    /** {@link #firstOf}'s walk: the most preferred value seen so far. */
    private final class Preferred implements BiConsumer<String, String> {
        private final List<FieldRole> roles;
        private String best;
        private int bestRole = Integer.MAX_VALUE;
        private int bestRank = Integer.MAX_VALUE;

        Preferred(List<FieldRole> roles) {
            this.roles = roles;
        }

        @Override
        public void accept(String name, String v) {
            if (v == null || v.isEmpty() || v.equals("-")) return;
            Entry e = entry(name);
            if (e == null) return;
            int r = roles.indexOf(e.role());
            if (r < 0 || r > bestRole || r == bestRole && e.rank() >= bestRank) return;
            best = v;
            bestRole = r;
            bestRank = e.rank();
        }
    }

    /**
     * The name a field has in the table: one under an event-data container answers as itself
     * ({@code winlog.event_data.Image}, {@code Event.EventData.Image}, {@code fields.Image} as {@code Image}).
     */
    public static String tableName(String field) {
        String known = TABLE_NAMES.get(field);
        if (known != null) return known;
        String s = FieldAliases.builtIn().shortName(field);
        if (s == null) {
            int i = lower(field).lastIndexOf(EVENT_DATA);
            s = i >= 0 ? field.substring(i + EVENT_DATA.length()) : field;
        }
        if (TABLE_NAMES.size() < MAX_CACHED) TABLE_NAMES.put(field, s);
        return s;
    }

    /** True when an event's field is the named one, case-insensitively and event-data containers aside. */
    public static boolean sameField(String field, String name) {
        return field.equalsIgnoreCase(name) || tableName(field).equalsIgnoreCase(name);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
