package dwell.impact;

import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.pivot.Kind;
import dwell.pivot.PivotFields;
import dwell.pivot.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Adds up one incident's impact from the actor's events, one at a time, in any order: mailbox reads per mailbox,
 * each act once (its earliest sighting), bytes per protocol. Remembers the sighting behind each entry, so that
 * the act can become a finding, and the events it accounts for (mailbox reads, acts), so that their pivot echoes
 * can be summarised.
 */
final class ImpactCollector {
    private static final List<FieldRole> URL_PATH = List.of(FieldRole.URL_PATH);
    private static final List<FieldRole> STATUS = List.of(FieldRole.STATUS);
    private static final String HTTP_PROXY = "exchange-httpproxy";

    /** An entry of the impact with the sighting it was first seen at. */
    record Seen<T>(T entry, Sighting at) {
    }

    private static final class Reads {
        final Set<String> protocols = new TreeSet<>();
        Instant first;
        Instant last;
        long requests;
        long bytes;
        Sighting firstAt;
    }

    private final ImpactRules rules;
    private final FieldRoles roles;
    private final Function<String, String> sidName;
    private final Map<String, Reads> reads = new TreeMap<>();
    private final Map<List<String>, Seen<Impact.Forwarding>> forwarding = new TreeMap<>(KEYS);
    private final Map<List<String>, Seen<Impact.Export>> exports = new TreeMap<>(KEYS);
    private final Map<List<String>, Seen<Impact.Permission>> permissions = new TreeMap<>(KEYS);
    private final Map<List<String>, Seen<Impact.AddressBookRead>> addressBook = new TreeMap<>(KEYS);
    private final Map<String, Impact.Staged> staged = new TreeMap<>();
    private final Map<String, Long> bytes = new TreeMap<>();
    private final Set<String> accounted = new java.util.HashSet<>();

    private static final Comparator<List<String>> KEYS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    ImpactCollector(ImpactRules rules, FieldRoles roles, Function<String, String> sidName) {
        this.rules = rules;
        this.roles = roles;
        this.sidName = sidName;
    }

    /** Reads one event of the actor. */
    void add(Sighting s) {
        Map<String, String> ev = s.event();
        String protocol = field(ev, "Protocol");
        String urlPath = roles.firstOf(ev, URL_PATH);
        boolean served = served(roles.firstOf(ev, STATUS));
        if (protocol != null && HTTP_PROXY.equals(s.format())) {
            String p = protocol.toLowerCase(Locale.ROOT);
            if (served) bytes.merge(protocol, number(field(ev, "ResponseBytes")), Long::sum);
            if (served && rules.mailboxProtocols().contains(p)) mailboxRead(s, protocol, field(ev, "AnchorMailbox"), number(field(ev, "ResponseBytes")));
            if (served && (rules.addressBookProtocols().contains(p) || urlPath != null && rules.addressBookPath(urlPath))) {
                addressBook(s, urlPath == null ? protocol : urlPath);
            }
        } else if (urlPath != null && served) {
            if (rules.addressBookPath(urlPath)) addressBook(s, urlPath);
            if (rules.staged(urlPath)) stage(urlPath, s.time(), "download");
        }
        CmdletCall call = cmdlet(ev);
        if (call != null) act(s, call);
    }

    /** Notes a file an incident's finding names (on disk, or in a command line) when it is staged for exfiltration. */
    void addFileNamed(String path, Instant time, boolean inCommand) {
        if (path != null && rules.staged(path)) stage(path, time, inCommand ? "command" : "file");
    }

    private void mailboxRead(Sighting s, String protocol, String anchorText, long responseBytes) {
        Anchor a = Anchor.parse(anchorText, rules);
        if (a == null) return;
        String mailbox = switch (a.kind()) {
            case SID -> {
                String name = sidName.apply(a.value());
                yield name == null ? "Sid~" + a.value() : name.toLowerCase(Locale.ROOT);
            }
            default -> a.value();
        };
        Reads r = reads.computeIfAbsent(mailbox, k -> new Reads());
        r.protocols.add(protocol);
        r.requests++;
        r.bytes += responseBytes;
        if (s.time() != null) {
            if (r.first == null || s.time().isBefore(r.first)) {
                r.first = s.time();
                r.firstAt = s;
            }
            if (r.last == null || s.time().isAfter(r.last)) r.last = s.time();
        }
        if (r.firstAt == null) r.firstAt = s;
        accounted.add(position(s));
    }

    private void act(Sighting s, CmdletCall call) {
        ImpactRules.CmdletRule rule = rules.cmdlet(call.name());
        if (rule == null) return;
        for (Map.Entry<String, String> w : rule.when().entrySet()) {
            String v = call.first(List.of(w.getKey()));
            if (v == null || !v.equalsIgnoreCase(w.getValue())) return;
        }
        String mailbox = lower(call.first(rule.mailbox()));
        switch (rule.act()) {
            case "forwarding" -> {
                String to = call.first(rule.to());
                if (to == null || mailbox == null) return;
                keepEarliest(forwarding, List.of(mailbox, lower(to), rule.how()), new Impact.Forwarding(mailbox, to, s.time(), rule.how()), s);
            }
            case "export" -> {
                String path = call.first(rule.path());
                if (mailbox == null || path == null) return;
                keepEarliest(exports, List.of(mailbox, lower(path)), new Impact.Export(mailbox, path, s.time()), s);
                stage(path, s.time(), "export");
            }
            case "permission" -> {
                String grantee = call.first(rule.grantee());
                if (grantee == null) return;
                String rights = call.first(rule.rights());
                String target = mailbox == null ? "*" : mailbox;
                keepEarliest(permissions, List.of(target, lower(grantee), rights == null ? "" : rights),
                        new Impact.Permission(target, grantee, rights, s.time()), s);
            }
            case "address-book" -> addressBook(s, call.name());
            default -> throw new IllegalStateException("unknown act " + rule.act() + " in " + ImpactRules.RESOURCE);
        }
    }

    private void addressBook(Sighting s, String path) {
        // IIS and HttpProxy log one download each: within one second and for one path they are one download
        String second = s.time() == null ? "" : String.valueOf(s.time().getEpochSecond());
        keepEarliest(addressBook, List.of(second, lower(path)), new Impact.AddressBookRead(s.time(), path), s);
    }

    /** One entry per file, keyed by the web path it is served under when it lies in a web root, so a download meets its file. */
    private void stage(String path, Instant time, String how) {
        Value served = PivotFields.servedPath(new Value(Kind.FILE, lower(path).replace('\\', '/')));
        String key = served != null ? served.value() : lower(path).replace('\\', '/');
        Instant downloaded = how.equals("download") ? time : null;
        staged.merge(key, new Impact.Staged(path, time, how, downloaded), (a, b) -> {
            boolean bFirst = !b.how().equals("download") && (a.how().equals("download") || earlier(b.time(), a.time()));
            Impact.Staged named = bFirst ? b : a;
            Instant fetched = a.downloaded() == null ? b.downloaded()
                    : b.downloaded() == null || !earlier(b.downloaded(), a.downloaded()) ? a.downloaded() : b.downloaded();
            return new Impact.Staged(named.path(), named.time(), named.how(), fetched);
        });
    }

    private <T> void keepEarliest(Map<List<String>, Seen<T>> map, List<String> key, T entry, Sighting s) {
        map.merge(key, new Seen<>(entry, s), (a, b) -> earlier(b.at().time(), a.at().time()) ? b : a);
        accounted.add(position(s));
    }

    private static boolean earlier(Instant a, Instant b) {
        return a != null && (b == null || a.isBefore(b));
    }

    /** The impact found, every list in a fixed order. */
    Impact impact() {
        List<Impact.MailboxRead> mailboxes = new ArrayList<>();
        reads.forEach((m, r) -> mailboxes.add(new Impact.MailboxRead(m, List.copyOf(r.protocols), r.first, r.last, r.requests, r.bytes)));
        List<Impact.Staged> stagedList = new ArrayList<>(staged.values());
        stagedList.sort(Comparator.comparing(Impact.Staged::time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Impact.Staged::path));
        return new Impact(mailboxes, byTime(forwarding), byTime(exports), byTime(permissions), byTime(addressBook),
                stagedList, Map.copyOf(bytes), 0);
    }

    /** Each act with the sighting it was first seen at, mailbox reads at their first request, in impact order. */
    List<Seen<?>> acts() {
        List<Seen<?>> out = new ArrayList<>();
        reads.forEach((m, r) -> out.add(new Seen<>(new Impact.MailboxRead(m, List.copyOf(r.protocols), r.first, r.last,
                r.requests, r.bytes), r.firstAt)));
        out.addAll(forwarding.values());
        out.addAll(exports.values());
        out.addAll(permissions.values());
        out.addAll(addressBook.values());
        return out;
    }

    /**
     * The positions ({@code path \0 line \0 record}) of the events the impact accounts for: mailbox reads, and each
     * act's sightings (a forwarding rule, an export, a permission, an address-book download, however often seen).
     */
    Set<String> accounted() {
        return accounted;
    }

    static String position(Sighting s) {
        return dwell.pivot.Pivot.key(s.path(), s.line(), s.record());
    }

    private static <T> List<T> byTime(Map<List<String>, Seen<T>> map) {
        List<Seen<T>> seen = new ArrayList<>(map.values());
        seen.sort(Comparator.comparing((Seen<T> x) -> x.at().time(), Comparator.nullsLast(Comparator.naturalOrder())));
        return seen.stream().map(Seen::entry).toList();
    }

    private CmdletCall cmdlet(Map<String, String> ev) {
        String cmd = field(ev, "CMD");
        if (cmd != null) return CmdletCall.ofEcp(cmd);
        for (List<String> f : rules.cmdletFields()) {
            String name = field(ev, f.get(0));
            if (name != null) return CmdletCall.ofPowerShell(name, field(ev, f.get(1)));
        }
        return null;
    }

    private boolean served(String status) {
        if (status == null) return true;
        long n = number(status);
        return n > 0 && n < rules.servedBelow();
    }

    /** A field by its name, event-data containers aside, case-insensitively; null when absent or empty. */
    static String field(Map<String, String> ev, String name) {
        String v = ev.get(name);
        if (v == null) {
            // the first field of that name; forEach makes no entry object per field of an EVTX event's table
            String[] first = new String[1];
            boolean[] found = new boolean[1];
            ev.forEach((n, value) -> {
                if (!found[0] && FieldRoles.sameField(n, name)) {
                    first[0] = value;
                    found[0] = true;
                }
            });
            v = first[0];
        }
        return v == null || v.isBlank() || v.equals("-") ? null : v.strip();
    }

    private static long number(String s) {
        if (s == null) return 0;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
