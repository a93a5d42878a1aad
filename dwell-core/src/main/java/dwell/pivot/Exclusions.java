package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values that never pivot: loopback and the server's own addresses, health probes, built-in accounts,
 * and the user's known-good list ({@code --pivot-exclude}: one value a line, optionally {@code type:value}).
 */
public final class Exclusions {
    private final List<String> probeAgents = new ArrayList<>();
    private final Set<String> accounts = new HashSet<>();
    private final List<String> accountPrefixes = new ArrayList<>();
    private final List<String> scriptExtensions = new ArrayList<>();
    private final Set<String> userValues = new HashSet<>();
    private final Set<Value> userTyped = new HashSet<>();

    private Exclusions() {
    }

    public static Exclusions builtin() {
        Exclusions x = new Exclusions();
        try (InputStream in = Exclusions.class.getResourceAsStream("/dwell/pivot/exclude.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("user-agent-contains").forEach(n -> x.probeAgents.add(n.asText().toLowerCase(Locale.ROOT)));
            root.path("accounts").forEach(n -> x.accounts.add(n.asText().toLowerCase(Locale.ROOT)));
            root.path("account-prefixes").forEach(n -> x.accountPrefixes.add(n.asText().toLowerCase(Locale.ROOT)));
            root.path("script-extensions").forEach(n -> x.scriptExtensions.add(n.asText().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return x;
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
            case IP -> isInfrastructureIp(v.value()) || serverAddresses.contains(v.value());
            case USER_AGENT -> probeAgents.stream().anyMatch(lower::contains);
            case ACCOUNT -> accounts.contains(lower) || lower.endsWith("$")
                    || accountPrefixes.stream().anyMatch(p -> lower.startsWith(p) || lower.contains("\\" + p))
                    || accounts.contains(lower.substring(lower.indexOf('\\') + 1));
            default -> false;
        };
    }

    /** True for a path a web shell could be served from (a script page). */
    public boolean isScriptPage(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return scriptExtensions.stream().anyMatch(p::endsWith);
    }

    static boolean isInfrastructureIp(String ip) {
        return ip.startsWith("127.") || ip.equals("0.0.0.0") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1")
                || ip.equals("0:0:0:0:0:0:0:0") || ip.startsWith("169.254.") || ip.startsWith("fe80:")
                || ip.equals("255.255.255.255");
    }
}
