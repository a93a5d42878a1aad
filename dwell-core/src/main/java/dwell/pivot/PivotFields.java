package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.hunt.Indicators;
import dwell.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns event fields into typed pivot values: the kind of each field role is {@code dwell/pivot/fields.yaml}. */
public final class PivotFields {
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)\\b(https?|ftp)://([^\\s\"'<>/:;,)]+)(:\\d+)?([^\\s\"'<>;,)]*)");
    private static final Pattern HEX = Pattern.compile("(?<![0-9a-fA-F])([0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})(?![0-9a-fA-F])");
    /** Read once: a scan asks for the built-in kinds at its start, in its pivot and in its impact analysis. */
    private static final PivotFields BUILT_IN = with(FieldRoles.builtin());

    private final FieldRoles roles;
    /** Per field role (ordinal): the kind its values are, or null. */
    private final Kind[] kindOf;

    private PivotFields(FieldRoles roles, Kind[] kindOf) {
        this.roles = roles;
        this.kindOf = kindOf;
    }

    /** The built-in kinds over the built-in field role table. */
    public static PivotFields builtin() {
        return BUILT_IN;
    }

    /** The kinds of {@code dwell/pivot/fields.yaml} over a field role table. */
    public static PivotFields with(FieldRoles roles) {
        try (InputStream in = PivotFields.class.getResourceAsStream("/dwell/pivot/fields.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Kind[] kindOf = new Kind[FieldRole.values().length];
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Kind k = Kind.byId(e.getKey());
                if (k == null) throw new IllegalStateException("unknown kind in fields.yaml: " + e.getKey());
                for (JsonNode r : e.getValue()) {
                    FieldRole role = FieldRole.byId(r.asText());
                    if (kindOf[role.ordinal()] != null) throw new IllegalStateException("role " + role.id() + " has two kinds in fields.yaml");
                    kindOf[role.ordinal()] = k;
                }
            }
            return new PivotFields(roles, kindOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field role table the kinds are read through. */
    public FieldRoles roles() {
        return roles;
    }

    /** The fields (as the role table spells them) that carry a kind, roles in table order. */
    List<String> fieldsOf(Kind kind) {
        List<String> out = new ArrayList<>();
        for (FieldRole r : FieldRole.values()) {
            if (kindOf[r.ordinal()] == kind) out.addAll(roles.fieldsOf(r));
        }
        return out;
    }

    /** The kind a field carries, or null. */
    Kind kindOf(String field) {
        FieldRole r = roles.roleOf(field);
        return r == null ? null : kindOf[r.ordinal()];
    }

    /** Emits the normalised values a field's value holds (none for fields outside the table). */
    public void extract(String field, String raw, Consumer<Value> out) {
        Kind k = kindOf(field);
        if (k == null || raw == null) return;
        String v = raw.strip();
        if (v.isEmpty() || v.equals("-")) return;
        switch (k) {
            case IP, SERVER_IP -> {
                if (IpAddress.isCanonicalV4(v)) {
                    out.accept(new Value(k, v));
                    return;
                }
                for (String part : v.split(",")) {
                    String ip = normaliseIp(part);
                    if (ip != null) out.accept(new Value(k, ip));
                }
            }
            case PATH -> {
                int q = v.indexOf('?');
                out.accept(new Value(k, (q >= 0 ? v.substring(0, q) : v).toLowerCase(Locale.ROOT)));
            }
            case ACCOUNT -> {
                if (looksLikeAccount(v)) out.accept(new Value(k, v.toLowerCase(Locale.ROOT)));
            }
            case FILE -> {
                Value file = new Value(k, v.toLowerCase(Locale.ROOT));
                out.accept(file);
                Value url = servedPath(file);
                if (url != null) out.accept(url);
            }
            case HASH -> hashes(v, h -> out.accept(new Value(k, h)));
            case COMMAND -> urls(v, out);
            case METHOD -> out.accept(new Value(k, v.toUpperCase(Locale.ROOT)));
            case USER_AGENT -> out.accept(new Value(k, v.replace('+', ' ')));
            default -> out.accept(new Value(k, v));
        }
    }

    /**
     * The file hashes a field holds, lower-cased: a bare hash or Sysmon's {@code SHA1=..,MD5=..,IMPHASH=..} list.
     * An import hash is skipped: every program built against the same imports shares it (all .NET assemblies do).
     */
    static void hashes(String v, Consumer<String> out) {
        // one matcher for the parts: the census asks this of every hash field of a system file's events
        Matcher m = HEX.matcher("");
        for (String part : v.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("IMPHASH")) continue;
            m.reset(part);
            while (m.find()) out.accept(m.group(1).toLowerCase(Locale.ROOT));
        }
    }

    /** True for a user or account name (not an anchor mailbox, URL or path that a field happens to hold). */
    static boolean looksLikeAccount(String v) {
        return Indicators.looksLikeAccount(v);
    }

    /**
     * The URL path a file in a web root is served under ({@code ...\inetpub\wwwroot\aspnet_client\x.aspx} ->
     * {@code /aspnet_client/x.aspx}; {@code ...\FrontEnd\HttpProxy\owa\auth\x.aspx} -> {@code /owa/auth/x.aspx}),
     * so that a web shell found on disk and its requests in the web logs are one indicator.
     */
    public static Value servedPath(Value v) {
        if (v.kind() != Kind.FILE && v.kind() != Kind.PATH) return null;
        String p = v.value().replace('\\', '/').toLowerCase(Locale.ROOT);
        for (String root : new String[] {"/wwwroot/", "/frontend/httpproxy/"}) {
            int i = p.lastIndexOf(root);
            if (i >= 0 && i + root.length() < p.length()) return new Value(Kind.PATH, "/" + p.substring(i + root.length()));
        }
        return null;
    }

    /** URLs found in free text, with their host as a domain (or an ip when the host is an address). */
    static void urls(String text, Consumer<Value> out) {
        if (!text.contains("://")) return;
        Matcher m = URL_IN_TEXT.matcher(text);
        while (m.find()) {
            String host = m.group(2).toLowerCase(Locale.ROOT);
            String url = m.group(1).toLowerCase(Locale.ROOT) + "://" + host + (m.group(3) == null ? "" : m.group(3))
                    + m.group(4);
            out.accept(new Value(Kind.URL, url));
            String ip = normaliseIp(host);
            if (ip != null) {
                out.accept(new Value(Kind.IP, ip));
            } else if (host.indexOf('.') > 0) {
                out.accept(new Value(Kind.DOMAIN, host));
            }
        }
    }

    /** A canonical IP literal (IPv4 dotted, IPv6 as RFC 5952 writes it, brackets and ports stripped), or null; never a DNS lookup. */
    static String normaliseIp(String s) {
        IpAddress a = IpAddress.parseField(s, 0, s.length());
        return a == null ? null : a.toString();
    }
}
