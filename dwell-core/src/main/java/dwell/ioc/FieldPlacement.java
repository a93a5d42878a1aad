package dwell.ioc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.FieldNameCache;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field-placement table: which field roles ({@link FieldRoles}) and which further named fields are read in which
 * {@link Role}, and which roles each indicator type is looked for in, with its raw-text fallback. The built-in table
 * is {@code dwell/ioc/placement.yaml}; users can load their own with {@link #load(InputStream)}.
 */
public final class FieldPlacement {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final int MAX_CACHED = 10_000;

    private final FieldRoles fieldRoles;
    /** Per field role (ordinal): the mask of the ways it is read. */
    private final int[] byFieldRole;
    /** The table's fields and the named ones, as spelled: the hot path's first look. */
    private final Map<String, Integer> exact;
    /** The named fields, lower-cased. */
    private final Map<String, Integer> named;
    private final Map<String, Integer> cache = new ConcurrentHashMap<>();
    /** The names met most, answered before the maps: each event asks about each of its fields. */
    private final FieldNameCache<Integer> recent = new FieldNameCache<>(this::lookup);
    private final Map<IocType, Integer> typeRoles;
    private final Map<IocType, Boolean> fallback;

    private FieldPlacement(FieldRoles fieldRoles, int[] byFieldRole, Map<String, Integer> named,
                           Map<IocType, Integer> typeRoles, Map<IocType, Boolean> fallback) {
        this.fieldRoles = fieldRoles;
        this.byFieldRole = byFieldRole;
        Map<String, Integer> folded = new HashMap<>();
        named.forEach((k, v) -> folded.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a | b));
        this.named = Map.copyOf(folded);
        Map<String, Integer> x = new HashMap<>(named);
        for (FieldRole r : FieldRole.values()) {
            if (byFieldRole[r.ordinal()] == 0) continue;
            for (String f : fieldRoles.fieldsOf(r)) x.merge(f, byFieldRole[r.ordinal()], (a, b) -> a | b);
        }
        x.replaceAll((k, v) -> v | this.named.getOrDefault(k.toLowerCase(Locale.ROOT), 0));
        this.exact = Map.copyOf(x);
        this.typeRoles = typeRoles;
        this.fallback = fallback;
    }

    /** The built-in table. */
    public static FieldPlacement builtin() {
        try (InputStream in = FieldPlacement.class.getResourceAsStream("/dwell/ioc/placement.yaml")) {
            if (in == null) throw new IllegalStateException("resource missing: dwell/ioc/placement.yaml");
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table in the format of placement.yaml over the built-in field roles. */
    public static FieldPlacement load(InputStream in) throws IOException {
        return load(in, FieldRoles.builtin());
    }

    /** Reads a table in the format of placement.yaml over a field role table. */
    public static FieldPlacement load(InputStream in, FieldRoles fieldRoles) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.path("types").isObject()
                || !root.path("field-roles").isObject() && !root.path("roles").isObject()) {
            throw new IOException("field placement table needs a 'types' map and a 'field-roles' or 'roles' map");
        }
        int[] byFieldRole = new int[FieldRole.values().length];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("field-roles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int bit = Role.bit(role(e.getKey(), "field placement"));
            for (JsonNode r : e.getValue()) {
                try {
                    byFieldRole[FieldRole.byId(r.asText()).ordinal()] |= bit;
                } catch (IllegalArgumentException ex) {
                    throw new IOException("field placement, " + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        Map<String, Integer> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("roles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int bit = Role.bit(role(e.getKey(), "field placement"));
            for (JsonNode f : e.getValue()) fields.merge(f.asText(), bit, (a, b) -> a | b);
        }
        Map<IocType, Integer> typeRoles = new EnumMap<>(IocType.class);
        Map<IocType, Boolean> fallback = new EnumMap<>(IocType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            IocType t = null;
            for (IocType c : IocType.values()) {
                if (c.id().equals(e.getKey())) t = c;
            }
            if (t == null) throw new IOException("field placement: unknown type " + e.getKey());
            int mask = 0;
            for (JsonNode r : e.getValue().path("roles")) mask |= Role.bit(role(r.asText(), "field placement, type " + t.id()));
            typeRoles.put(t, mask);
            fallback.put(t, e.getValue().path("raw-fallback").asBoolean(false));
        }
        return new FieldPlacement(fieldRoles, byFieldRole, fields, typeRoles, fallback);
    }

    private static Role role(String id, String where) throws IOException {
        try {
            return Role.byId(id);
        } catch (IllegalArgumentException ex) {
            throw new IOException(where + ": " + ex.getMessage());
        }
    }

    /**
     * The role mask of a field name (0 for fields that play no role): its field role's ways and a named field's,
     * names matched exactly first, then case-insensitively and through event-data containers.
     */
    public int roles(String field) {
        return recent.get(field);
    }

    private int lookup(String field) {
        Integer r = exact.get(field);
        if (r != null) return r;
        r = cache.get(field);
        if (r != null) return r;
        FieldRole role = fieldRoles.roleOf(field);
        int v = role == null ? 0 : byFieldRole[role.ordinal()];
        v |= named.getOrDefault(field.toLowerCase(Locale.ROOT), 0);
        v |= named.getOrDefault(FieldRoles.tableName(field).toLowerCase(Locale.ROOT), 0);
        if (cache.size() < MAX_CACHED) cache.put(field, v); // bounded: JSON logs can have endless distinct keys
        return v;
    }

    /** The roles an indicator type is looked for in. */
    public int rolesOf(IocType t) {
        return typeRoles.getOrDefault(t, 0);
    }

    /** True if the type is searched in raw text when an event has none of its fields. */
    public boolean rawFallback(IocType t) {
        return t == IocType.KEYWORD || fallback.getOrDefault(t, false);
    }
}
