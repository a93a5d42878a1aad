package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.FieldRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Values that never pivot, from {@code dwell/pivot/exclude.yaml}: special-purpose and the server's own addresses,
 * health probes, well-known principals, built-in groups and machine accounts, null hashes, Exchange's own pages,
 * and the user's known-good list ({@code --pivot-exclude}: one value a line, optionally {@code type:value}).
 */
public final class Exclusions {
    private final List<String> probeAgents = new ArrayList<>();
    private final Set<String> accounts = new HashSet<>();
    private final List<String> accountPrefixes = new ArrayList<>();
    private final List<String> wellKnownSids = new ArrayList<>();
    private final Map<String, List<String>> sidFields = new LinkedHashMap<>();
    private final Set<String> nullHashes = new HashSet<>();
    private final List<String> systemLocations = new ArrayList<>();
    private final List<String> systemExceptions = new ArrayList<>();
    private final List<FieldRole> hashedFileRoles = new ArrayList<>();
    private final List<String> ownPaths = new ArrayList<>();
    private final List<String> scriptExtensions = new ArrayList<>();
    private final Set<String> userValues = new HashSet<>();
    private final Set<Value> userTyped = new HashSet<>();

    private Exclusions() {
    }

    public static Exclusions builtin() {
        Exclusions x = new Exclusions();
        try (InputStream in = Exclusions.class.getResourceAsStream("/dwell/pivot/exclude.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            lower(root.path("user-agent-contains"), x.probeAgents);
            lower(root.path("accounts"), x.accounts);
            lower(root.path("account-prefixes"), x.accountPrefixes);
            root.path("well-known-sids").forEach(n -> x.wellKnownSids.add(n.asText().toUpperCase(Locale.ROOT)));
            root.path("account-sid-fields").fields().forEachRemaining(e -> {
                List<String> sids = new ArrayList<>();
                e.getValue().forEach(n -> sids.add(n.asText()));
                x.sidFields.put(e.getKey(), List.copyOf(sids));
            });
            lower(root.path("null-hashes"), x.nullHashes);
            lower(root.path("system-locations"), x.systemLocations);
            lower(root.path("system-location-exceptions"), x.systemExceptions);
            root.path("hashed-file-roles").forEach(n -> x.hashedFileRoles.add(FieldRole.byId(n.asText())));
            lower(root.path("own-paths"), x.ownPaths);
            lower(root.path("script-extensions"), x.scriptExtensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return x;
    }

    private static void lower(JsonNode list, java.util.Collection<String> into) {
        list.forEach(n -> into.add(n.asText().toLowerCase(Locale.ROOT)));
    }

    /** Adds a known-good file; blank lines and {@code #} comments are skipped. */
    public Exclusions withFile(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int colon = l.indexOf(':');
            Kind k = colon > 0 ? Kind.byId(l.substring(0, colon)) : null;
            if (k != null) {
                userTyped.add(new Value(k, l.substring(colon + 1).strip().toLowerCase(Locale.ROOT)));
            } else {
                userValues.add(l.toLowerCase(Locale.ROOT));
            }
        }
        return this;
    }

    /** True if the value must never pivot, whatever the evidence says. */
    public boolean excluded(Value v, Set<String> serverAddresses) {
        String lower = v.value().toLowerCase(Locale.ROOT);
        if (userValues.contains(lower) || userTyped.contains(new Value(v.kind(), lower))) return true;
        return switch (v.kind()) {
            case IP -> AddressClass.of(v.value()) == AddressClass.SPECIAL || serverAddresses.contains(v.value());
            case USER_AGENT -> probeAgents.stream().anyMatch(lower::contains);
            case ACCOUNT -> builtInAccount(lower);
            case HASH -> nullHashes.contains(lower) || lower.chars().allMatch(c -> c == '0');
            case PATH -> ownPaths.stream().anyMatch(lower::startsWith);
            default -> false;
        };
    }

    /** A well-known principal, built-in group, service identity or machine account, by its name. */
    boolean builtInAccount(String lower) {
        if (lower.endsWith("$")) return true;
        String bare = lower.substring(lower.indexOf('\\') + 1);
        if (accounts.contains(lower) || accounts.contains(bare)) return true;
        for (String p : accountPrefixes) {
            if (lower.startsWith(p) || bare.startsWith(p)) return true;
        }
        return false;
    }

    /** True for a SID of a well-known principal or built-in group (S-1-5-18, S-1-5-32-544, a domain's 512...). */
    public boolean wellKnownSid(String sid) {
        String s = sid.strip().toUpperCase(Locale.ROOT);
        for (String p : wellKnownSids) {
            if (sidMatches(p, s)) return true;
        }
        return false;
    }

    /** Matches a SID against a pattern where each {@code *} stands for one or more sub-authorities. */
    static boolean sidMatches(String pattern, String sid) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(sid);
        // compared in place: the census asks this of every SID field of every event, against each pattern
        int tail = pattern.length() - star - 1;
        int end = sid.length() - tail;
        return end > star && sid.regionMatches(0, pattern, 0, star) && sid.regionMatches(end, pattern, star + 1, tail)
                && subAuthorities(sid, star, end);
    }

    /** Whether {@code s} from {@code from} to {@code to} is decimal numbers joined by single dashes ({@code \d+(-\d+)*}). */
    private static boolean subAuthorities(String s, int from, int to) {
        boolean digits = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digits = true;
            else if (c == '-' && digits) digits = false;
            else return false;
        }
        return digits;
    }

    /** The fields that may hold the SID of the account named in {@code accountField}. */
    public Map<String, List<String>> sidFields() {
        return sidFields;
    }

    /** The roles of the fields naming the file a hash field's hashes were taken of, in order of precedence. */
    public List<FieldRole> hashedFileRoles() {
        return hashedFileRoles;
    }

    /** True for a file of the operating system or installed software (not one of their drop folders). */
    public boolean inSystemLocation(String file) {
        String f = file.strip().toLowerCase(Locale.ROOT).replace('/', '\\');
        if (f.startsWith("\"")) f = f.substring(1);
        for (String e : systemExceptions) {
            if (f.startsWith(e)) return false;
        }
        for (String s : systemLocations) {
            if (f.startsWith(s)) return true;
        }
        return false;
    }

    /** True for a path a web shell could be served from (a script page). */
    public boolean isScriptPage(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return scriptExtensions.stream().anyMatch(p::endsWith);
    }
}
