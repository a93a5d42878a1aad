package dwell.impact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The knowledge the impact analysis reads rows with, from {@code dwell/impact/impact.yaml}. */
public record ImpactRules(Set<String> mailboxProtocols, Set<String> addressBookProtocols, Map<String, AnchorKind> anchors,
                          int servedBelow, List<String> addressBookPaths, List<List<String>> sidNames,
                          List<List<String>> cmdletFields, Map<String, CmdletRule> cmdlets, List<String> stagedEndings,
                          List<String> clientUserAgents, int toolingMaxAccounts, int toolingMaxAddresses) {
    static final String RESOURCE = "/dwell/impact/impact.yaml";

    /** What an anchor kind names. */
    public enum AnchorKind { ADDRESS, SID, ID }

    /** The act a cmdlet is, and the parameters its mailbox, target, path, grantee and rights are read from. */
    public record CmdletRule(String act, String how, List<String> mailbox, List<String> to, List<String> path,
                             List<String> grantee, List<String> rights, Map<String, String> when) {
    }

    private static final ImpactRules BUILTIN = load();

    public static ImpactRules builtin() {
        return BUILTIN;
    }

    private static ImpactRules load() {
        try (InputStream in = ImpactRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, AnchorKind> anchors = new LinkedHashMap<>();
            root.path("anchors").fields().forEachRemaining(e ->
                    anchors.put(e.getKey().toLowerCase(Locale.ROOT), AnchorKind.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
            List<List<String>> sidNames = new ArrayList<>();
            root.path("sid_names").forEach(p -> sidNames.add(texts(p)));
            List<List<String>> cmdletFields = new ArrayList<>();
            root.path("cmdlet_fields").forEach(p -> cmdletFields.add(texts(p)));
            Map<String, CmdletRule> cmdlets = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("cmdlets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                Map<String, String> when = new LinkedHashMap<>();
                n.path("when").fields().forEachRemaining(w -> when.put(w.getKey(), w.getValue().asText()));
                cmdlets.put(e.getKey().toLowerCase(Locale.ROOT), new CmdletRule(n.path("act").asText(), n.path("how").asText(null),
                        texts(n.path("mailbox")), texts(n.path("to")), texts(n.path("path")), texts(n.path("grantee")),
                        texts(n.path("rights")), Map.copyOf(when)));
            }
            return new ImpactRules(lowerSet(root.path("protocols").path("mailbox")), lowerSet(root.path("protocols").path("address-book")),
                    Map.copyOf(anchors), root.path("served_below").asInt(400), texts(root.path("address_book_paths")),
                    List.copyOf(sidNames), List.copyOf(cmdletFields), Map.copyOf(cmdlets), texts(root.path("staged_endings")),
                    List.copyOf(lowerSet(root.path("client_user_agents"))),
                    root.path("tooling_user_agent").path("max_accounts").asInt(3),
                    root.path("tooling_user_agent").path("max_addresses").asInt(10));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** The rule of a cmdlet by its name, whatever its case; null when it is no act. */
    public CmdletRule cmdlet(String name) {
        return name == null ? null : cmdlets.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** True when a path or file name ends as a staged archive or dump does. */
    public boolean staged(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String end : stagedEndings) {
            if (p.endsWith(end)) return true;
        }
        return false;
    }

    /** True when a user agent is a browser's or mail client's, which mailbox owners use as much as an actor does. */
    public boolean clientUserAgent(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT).replace('+', ' ');
        for (String prefix : clientUserAgents) {
            if (ua.startsWith(prefix)) return true;
        }
        return false;
    }

    /** True when a URL path is the offline address book's. */
    public boolean addressBookPath(String urlPath) {
        String p = urlPath.toLowerCase(Locale.ROOT);
        for (String prefix : addressBookPaths) {
            if (p.startsWith(prefix)) return true;
        }
        return false;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(t -> out.add(t.asText()));
        return List.copyOf(out);
    }

    private static Set<String> lowerSet(JsonNode arr) {
        Set<String> out = new TreeSet<>();
        arr.forEach(t -> out.add(t.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
