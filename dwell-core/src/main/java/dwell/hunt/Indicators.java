package dwell.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The indicators an event plainly shows: client addresses, user agents, accounts, requested paths, processes
 * and hashes, read from the fields whose roles {@code dwell/hunt/indicators.yaml} names for each type.
 */
public final class Indicators {
    private static final String RESOURCE = "/dwell/hunt/indicators.yaml";
    private static final Set<String> NOT_AN_ACCOUNT = Set.of("-", "", "system", "localsystem", "local service",
            "network service", "anonymous logon");

    /** The indicator types, each read in its own way. */
    private enum Type {
        IP, USER_AGENT, ACCOUNT, PATH, PROCESS, HASH;

        final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

        static Type byId(String id) throws IOException {
            for (Type t : values()) {
                if (t.id.equals(id)) return t;
            }
            throw new IOException("unknown indicator type '" + id + "'");
        }
    }

    /** A value found in a field, with where its field stands in the indicators' order. */
    private record Found(Type type, long order, int seen, String value) {
    }

    private static final Comparator<Found> ORDER = Comparator.comparingLong(Found::order).thenComparingInt(Found::seen);
    private static final Indicators BUILT_IN = with(FieldRoles.builtin());

    private final FieldRoles roles;
    /** Per role (ordinal): the type it is read as, or null. */
    private final Type[] typeOf = new Type[FieldRole.values().length];
    /** Per role (ordinal): its place in the order of all roles read, types in file order. */
    private final int[] placeOf = new int[FieldRole.values().length];
    /** The table's names, asked of each event by name: readers answer some only when asked (an access log's cs-uri-stem). */
    private final List<String> asked = new ArrayList<>();

    private Indicators(FieldRoles roles, JsonNode types) throws IOException {
        this.roles = roles;
        int place = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Type t = Type.byId(e.getKey());
            for (JsonNode r : e.getValue()) {
                FieldRole role;
                try {
                    role = FieldRole.byId(r.asText());
                } catch (IllegalArgumentException ex) {
                    throw new IOException("indicator type " + t.id + ": " + ex.getMessage());
                }
                if (typeOf[role.ordinal()] != null) throw new IOException("role " + role.id() + " is read as two types");
                typeOf[role.ordinal()] = t;
                placeOf[role.ordinal()] = place++;
                asked.addAll(roles.fieldsOf(role));
            }
        }
    }

    /** The indicator types of {@code indicators.yaml} read through a field role table. */
    public static Indicators with(FieldRoles roles) {
        try (InputStream in = Indicators.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("missing resource " + RESOURCE);
            return new Indicators(roles, new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** Indicators of the event, de-duplicated, in a stable order (type by type, each type's roles and fields in table order). */
    public static List<Indicator> from(Event e) {
        return BUILT_IN.of(e);
    }

    /** Indicators of the event by this table; see {@link #from}. */
    public List<Indicator> of(Event e) {
        List<Found> found = new ArrayList<>();
        e.forEachField((name, value) -> found(name, value, found));
        for (String name : asked) found(name, e.get(name), found);
        found.sort(ORDER);
        Set<Indicator> out = new LinkedHashSet<>();
        for (Found f : found) read(f.type(), f.value(), out);
        return new ArrayList<>(out);
    }

    private void found(String field, String value, List<Found> found) {
        if (value == null) return;
        FieldRoles.Entry en = roles.entry(field);
        if (en == null) return;
        Type t = typeOf[en.role().ordinal()];
        if (t != null) found.add(new Found(t, ((long) placeOf[en.role().ordinal()] << 32) | en.rank(), found.size(), value));
    }

    private static void read(Type type, String raw, Set<Indicator> out) {
        if (type == Type.HASH) {
            hashes(raw, out);
            return;
        }
        String v = raw.trim();
        if (v.isEmpty() || v.equals("-") || v.length() > 2048) return;
        switch (type) {
            case ACCOUNT -> {
                if (!NOT_AN_ACCOUNT.contains(v.toLowerCase(Locale.ROOT)) && looksLikeAccount(v)) out.add(new Indicator(type.id, v));
            }
            case IP -> {
                for (String ip : v.split("[,\\s]+")) if (!ip.isEmpty() && !ip.equals("-")) out.add(new Indicator(type.id, ip));
            }
            case USER_AGENT -> out.add(new Indicator(type.id, v.replace('+', ' ')));
            default -> out.add(new Indicator(type.id, v));
        }
    }

    /** A bare digest (its kind by its length) or Sysmon's {@code KIND=digest,...} list; the type is the kind. */
    private static void hashes(String v, Set<Indicator> out) {
        for (String part : v.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String val = eq > 0 ? p.substring(eq + 1) : p;
            String type = eq > 0 ? p.substring(0, eq).toLowerCase(Locale.ROOT) : kindOfLength(val.length());
            if (type != null && isDigest(val)) out.add(new Indicator(type, val.toLowerCase(Locale.ROOT)));
        }
    }

    /** Whether {@code v} is 32 to 128 hex digits (by a loop: {@code String.matches} compiled a pattern per call). */
    private static boolean isDigest(String v) {
        if (v.length() < 32 || v.length() > 128) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F')) return false;
        }
        return true;
    }

    private static String kindOfLength(int hexDigits) {
        return switch (hexDigits) {
            case 32 -> "md5";
            case 40 -> "sha1";
            case 64 -> "sha256";
            case 128 -> "sha512";
            default -> null;
        };
    }

    /** True for a user or account name (not an anchor mailbox, URL or path that a field happens to hold). */
    public static boolean looksLikeAccount(String v) {
        if (v.length() > 128) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '~' || c == '?' || c == '#' || c == ':' || c == '<' || c == '>' || Character.isWhitespace(c) && c != ' ') {
                return false;
            }
        }
        return !v.isBlank();
    }
}
