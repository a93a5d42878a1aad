package dwell.pivot;

import dwell.hunt.Finding;
import dwell.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One identity per machine, learned from the evidence: {@code EXCH01}, {@code exch01} and
 * {@code EXCH01.contoso.local} are one host when the evidence names only one machine of that short name (or an
 * inventory or Winlogbeat event says so), and an item that names no host (an IIS log, a web-root copy) belongs
 * to the one host that every host-naming item around it in its folder names. A host's realm is its DNS domain:
 * traces of different realms are never one intrusion.
 */
public final class Hosts {
    /** Lower-cased spelling -> the identity's display name. */
    private final Map<String, String> identity = new HashMap<>();
    /** Item path -> identity, for items that name no host themselves. */
    private final Map<String, String> inherited = new HashMap<>();

    private Hosts() {
    }

    /** No learning: every spelling is its own host, items inherit nothing. */
    public static Hosts none() {
        return new Hosts();
    }

    /**
     * Learns identities from the host names each item carries and the alias pairs seen; {@code items} are all
     * items read (those naming no host inherit one when their folder names exactly one).
     */
    public static Hosts learn(Map<String, ? extends Collection<String>> hostsByItem, List<List<String>> aliases,
                              Collection<String> items) {
        Hosts h = new Hosts();
        TreeSet<String> spellings = new TreeSet<>();
        hostsByItem.values().forEach(spellings::addAll);
        aliases.forEach(spellings::addAll);
        // union-find over lower-cased spellings
        Map<String, String> parent = new TreeMap<>();
        for (String s : spellings) parent.put(lower(s), lower(s));
        for (List<String> pair : aliases) union(parent, lower(pair.get(0)), lower(pair.get(1)));
        // a short name joins the one fully qualified name that starts with it; with two candidates it stays alone
        Map<String, List<String>> fqdnsByLabel = new HashMap<>();
        for (String s : parent.keySet()) {
            if (isFqdn(s)) fqdnsByLabel.computeIfAbsent(s.substring(0, s.indexOf('.')), k -> new ArrayList<>()).add(s);
        }
        for (String s : parent.keySet()) {
            if (isFqdn(s)) continue;
            List<String> candidates = fqdnsByLabel.getOrDefault(s, List.of());
            if (candidates.size() == 1) union(parent, s, candidates.get(0));
        }
        // the display name of a group: its longest fully qualified spelling, ties to the first in sort order
        Map<String, String> display = new HashMap<>();
        for (String s : spellings) {
            String root = find(parent, lower(s));
            String best = display.get(root);
            if (best == null || better(s, best)) display.put(root, s);
        }
        for (String s : spellings) h.identity.put(lower(s), display.get(find(parent, lower(s))));
        h.inheritFolders(hostsByItem, items);
        return h;
    }

    private static boolean better(String candidate, String current) {
        boolean cf = isFqdn(lower(candidate));
        boolean bf = isFqdn(lower(current));
        if (cf != bf) return cf;
        if (candidate.length() != current.length()) return candidate.length() > current.length();
        return candidate.compareTo(current) < 0;
    }

    private void inheritFolders(Map<String, ? extends Collection<String>> hostsByItem, Collection<String> items) {
        // each folder (and archive) with the identities of the host-naming items beneath it; two are enough to stop
        Map<String, Set<String>> beneath = new HashMap<>();
        hostsByItem.forEach((item, names) -> {
            for (String n : names) {
                String id = identity(n);
                for (String dir = parent(item); dir != null; dir = parent(dir)) {
                    Set<String> ids = beneath.computeIfAbsent(dir, k -> new TreeSet<>());
                    if (ids.size() < 2) ids.add(id);
                }
            }
        });
        for (String item : items) {
            if (hostsByItem.containsKey(item)) continue;
            for (String dir = parent(item); dir != null; dir = parent(dir)) {
                Set<String> ids = beneath.get(dir);
                if (ids == null) continue;
                if (ids.size() == 1) inherited.put(item, ids.iterator().next());
                break;
            }
        }
    }

    /** The folder or archive holding a path ({@code a/b.zip!/c/d.log} -> {@code a/b.zip!/c} -> {@code a/b.zip} -> {@code a}). */
    static String parent(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        int member = path.lastIndexOf("!/");
        if (member >= 0 && member + 1 == slash) return path.substring(0, member);
        return slash > 0 ? path.substring(0, slash) : null;
    }

    /** Learns identities from what the census saw; {@code items} are all items the hunt read. */
    public static Hosts learn(Census census, Collection<String> items) {
        return learn(census.hostsByItem(), census.aliases(), items);
    }

    /** The findings with their hosts resolved to identities (hostless ones to their item's host, if any). */
    public List<Finding> resolve(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) out.add(Pivot.withHost(f, hostOf(f.host(), f.evidence().path()), f.event()));
        return out;
    }

    /** The identity of a host name as an event spells it (itself when never learned), or null for none. */
    public String identity(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String id = identity.get(lower(raw));
        return id != null ? id : raw.strip();
    }

    /** The host of a trace: the identity of the host it names, else the one its item inherits (or null). */
    public String hostOf(String raw, String item) {
        String id = identity(raw);
        return id != null || item == null ? id : inherited.get(item);
    }

    /**
     * The realm of a trace: the DNS domain of its host (lower-cased), else the host itself when its domain is
     * unknown, else the folder of its evidence when it has no host at all.
     */
    public static String realm(String host, String item) {
        if (host != null) {
            String h = lower(host);
            return isFqdn(h) ? h.substring(h.indexOf('.') + 1) : "host:" + h;
        }
        if (item == null) return "";
        int member = item.indexOf("!/");
        String top = member >= 0 ? item.substring(0, member) : item;
        String dir = parent(top);
        return "folder:" + (dir == null ? "" : dir);
    }

    /** A name with a dot that is not an address: a fully qualified host name. */
    static boolean isFqdn(String lower) {
        int dot = lower.indexOf('.');
        return dot > 0 && dot < lower.length() - 1 && IpAddress.parse(lower, 0, lower.length()) == null;
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static String find(Map<String, String> p, String s) {
        String r = s;
        while (!p.get(r).equals(r)) r = p.get(r);
        return r;
    }

    private static void union(Map<String, String> p, String a, String b) {
        String ra = find(p, a);
        String rb = find(p, b);
        if (ra.equals(rb)) return;
        if (ra.compareTo(rb) < 0) p.put(rb, ra); else p.put(ra, rb);
    }
}
