package dwell.ioc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 * The field-placement table: which fields play which {@link Role}, and which roles each indicator type is
 * looked for in, with its raw-text fallback. The built-in table is {@code dwell/ioc/placement.yaml}; users can
 * load their own with {@link #load(InputStream)}.
 */
public final class FieldPlacement {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final int MAX_CACHED = 10_000;

    private final Map<String, Integer> exact;
    private final Map<String, Integer> folded;
    private final Map<String, Integer> cache = new ConcurrentHashMap<>();
    private final Map<IocType, Integer> typeRoles;
    private final Map<IocType, Boolean> fallback;

    private FieldPlacement(Map<String, Integer> exact, Map<IocType, Integer> typeRoles, Map<IocType, Boolean> fallback) {
        this.exact = Map.copyOf(exact);
        Map<String, Integer> f = new HashMap<>();
        exact.forEach((k, v) -> f.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a | b));
        this.folded = Map.copyOf(f);
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

    /** Reads a table in the format of placement.yaml. */
    public static FieldPlacement load(InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.path("roles").isObject() || !root.path("types").isObject()) {
            throw new IOException("field placement table needs 'roles' and 'types' maps");
        }
        Map<String, Integer> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("roles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Role role;
            try {
                role = Role.byId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IOException("field placement: " + ex.getMessage());
            }
            for (JsonNode f : e.getValue()) fields.merge(f.asText(), Role.bit(role), (a, b) -> a | b);
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
            for (JsonNode r : e.getValue().path("roles")) {
                try {
                    mask |= Role.bit(Role.byId(r.asText()));
                } catch (IllegalArgumentException ex) {
                    throw new IOException("field placement, type " + t.id() + ": " + ex.getMessage());
                }
            }
            typeRoles.put(t, mask);
            fallback.put(t, e.getValue().path("raw-fallback").asBoolean(false));
        }
        return new FieldPlacement(fields, typeRoles, fallback);
    }

    /** The role mask of a field name (0 for fields that play no role); exact names first, then case-insensitive. */
    public int roles(String field) {
        Integer r = exact.get(field);
        if (r != null) return r;
        r = cache.get(field);
        if (r != null) return r;
        int v = folded.getOrDefault(field.toLowerCase(Locale.ROOT), 0);
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
