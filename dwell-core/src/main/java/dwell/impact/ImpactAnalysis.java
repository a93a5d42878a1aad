package dwell.impact;

import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.exchange.pack.CheckRules;
import dwell.exchange.pack.ExchangePack;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.pivot.Exclusions;
import dwell.pivot.Hosts;
import dwell.pivot.Incident;
import dwell.pivot.Pivot;
import dwell.pivot.PivotFields;
import dwell.pivot.PivotResult;
import dwell.pivot.PivotIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Per incident, what its actor reached: the actor's requests ({@link ActorSessions}) read back from the evidence in
 * batches, with the events of the incident's own findings, add up to an {@link Impact}; each act (a mailbox read,
 * a forwarding rule, an export, a permission, the address book) becomes an {@code exchange} finding of the
 * incident, and the pivot's per-request echoes of mailbox reads and acts are summarised into the impact instead (those
 * the incident's story shows are kept, so its first and last trace and its story stand).
 */
public final class ImpactAnalysis {
    /** Events read back from the evidence at once: bounds the memory the actor's requests take. */
    private static final int BATCH = 20_000;
    private static final List<FieldRole> FILES = List.of(FieldRole.FILE);
    private static final List<FieldRole> COMMANDS = List.of(FieldRole.COMMAND);
    /** What separates a command line's tokens, and a switch with its value ({@code /opt:C:\x.zip}): compiled once, not per token. */
    private static final Pattern TOKEN_GAP = Pattern.compile("[\\s\"'=|<>,;]+");
    private static final Pattern SWITCH_VALUE = Pattern.compile("/[A-Za-z]+:.+");

    /** The pivot's result with act findings added and echoes summarised, and each incident's impact by its id. */
    public record Outcome(PivotResult result, Map<String, Impact> impacts) {
    }

    private final ImpactRules rules;
    private final PivotFields fields;
    private final CheckRules checks = CheckRules.load();

    public ImpactAnalysis(ImpactRules rules, PivotFields fields) {
        this.rules = rules;
        this.fields = fields;
    }

    /**
     * @param p       the pivot's result (incidents and every finding)
     * @param index   the first pass's index, still open
     * @param lookup  where the whole events of index positions are read back from
     * @param shaOf   the SHA-256 of an evidence item by its path
     * @param keep    act findings below this level are not kept
     */
    public Outcome run(PivotResult p, PivotIndex index, Hosts hosts, Pivot.EventLookup lookup, Function<String, String> shaOf,
                       SidNames sids, Exclusions exclusions, Set<String> principals, Level keep) {
        Map<String, Finding> byId = new HashMap<>();
        for (Finding f : p.findings()) byId.putIfAbsent(f.id(), f);
        ActorSessions sessions = new ActorSessions(index, hosts, fields, exclusions, principals, rules);
        Map<String, Impact> impacts = new LinkedHashMap<>();
        List<Incident> incidents = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        List<Finding> acts = new ArrayList<>();
        List<List<Finding>> membersOf = new ArrayList<>();
        for (Incident inc : p.incidents()) membersOf.add(inc.findings().stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
        sessions.announce(p.incidents(), membersOf);
        for (int n = 0; n < p.incidents().size(); n++) {
            Incident inc = p.incidents().get(n);
            List<Finding> members = membersOf.get(n);
            ImpactCollector c = new ImpactCollector(rules, fields.roles(), sids::nameOf);
            Set<String> seen = new HashSet<>();
            for (Finding f : members) {
                if (f.event() == null) continue;
                EvidenceRef ev = f.evidence();
                Sighting s = new Sighting(f.time(), f.host(), ev.path(), ev.line(), ev.record(), ev.format(), f.event());
                if (seen.add(ImpactCollector.position(s))) c.add(s);
                namedFiles(f, c);
            }
            readBack(sessions.events(inc, members), seen, index, hosts, lookup, c);
            Impact impact = c.impact();
            Set<String> storied = new HashSet<>();
            inc.story().forEach(st -> storied.add(st.finding()));
            List<Finding> kept = new ArrayList<>();
            int summarised = 0;
            for (Finding f : members) {
                if (echo(f, storied, c)) {
                    dropped.add(f.id());
                    summarised++;
                } else {
                    kept.add(f);
                }
            }
            // a lead (a weak value's hit, such as the actor's tooling user agent) on a request the impact accounts
            // for is that request's echo too
            List<String> leads = new ArrayList<>();
            for (String id : inc.leads()) {
                Finding f = byId.get(id);
                if (f != null && echo(f, storied, c)) {
                    dropped.add(id);
                    summarised++;
                } else {
                    leads.add(id);
                }
            }
            for (Finding a : actFindings(inc, c, members, shaOf)) {
                if (a.rule().level().compareTo(keep) < 0 || byId.containsKey(a.id())) continue;
                byId.put(a.id(), a);
                acts.add(a);
                kept.add(a);
            }
            kept.sort(STORY_ORDER);
            impacts.put(inc.id(), impact.withSummarised(summarised));
            incidents.add(new Incident(inc.id(), inc.summary(), inc.first(), inc.last(), inc.dwellDays(), inc.hosts(),
                    inc.indicators(), inc.techniques(), inc.cves(), kept.stream().map(Finding::id).distinct().toList(),
                    leads, inc.story()));
        }
        List<Finding> all = new ArrayList<>(p.findings().stream().filter(f -> !dropped.contains(f.id())).toList());
        all.addAll(acts);
        List<Finding> pivots = p.pivotFindings().stream().filter(f -> !dropped.contains(f.id())).toList();
        PivotResult r = new PivotResult(all, pivots, p.rounds(), incidents, p.unattributed(), p.indexBytes(),
                p.indexedEvents(), p.distinctValues());
        return new Outcome(r, impacts);
    }

    /** A pivot finding on an event the impact accounts for, which the incident's story does not show. */
    private static boolean echo(Finding f, Set<String> storied, ImpactCollector c) {
        return f.detector().equals(Pivot.DETECTOR) && !storied.contains(f.id())
                && c.accounted().contains(Pivot.key(f.evidence().path(), f.evidence().line(), f.evidence().record()));
    }

    /** Reads the actor's indexed events back in batches, leaving out those already seen. */
    private static void readBack(BitSet events, Set<String> seen, PivotIndex index, Hosts hosts, Pivot.EventLookup lookup,
                                 ImpactCollector c) {
        List<Integer> batch = new ArrayList<>();
        for (int e = events.nextSetBit(0); e >= 0; e = events.nextSetBit(e + 1)) {
            batch.add(e);
            if (batch.size() == BATCH) {
                feed(batch, seen, index, hosts, lookup, c);
                batch.clear();
            }
        }
        feed(batch, seen, index, hosts, lookup, c);
    }

    private static void feed(List<Integer> batch, Set<String> seen, PivotIndex index, Hosts hosts, Pivot.EventLookup lookup,
                             ImpactCollector c) {
        Map<Integer, String> keys = new LinkedHashMap<>();
        for (int e : batch) {
            String k = Pivot.key(index.item(e), index.line(e), index.record(e));
            if (!seen.contains(k)) keys.put(e, k);
        }
        if (keys.isEmpty()) return;
        Map<String, Map<String, String>> whole = lookup.fields(new HashSet<>(keys.values()));
        keys.forEach((e, k) -> {
            Map<String, String> ev = whole.get(k);
            if (ev == null || !seen.add(k)) return;
            String item = index.item(e);
            c.add(new Sighting(index.time(e), hosts.hostOf(index.host(e), item), item, index.line(e), index.record(e),
                    index.format(e).id(), ev));
        });
    }

    /** Files a finding names on disk or in a command line, for the staged list. */
    private void namedFiles(Finding f, ImpactCollector c) {
        FieldRoles roles = fields.roles();
        String file = roles.firstOf(f.event(), FILES);
        c.addFileNamed(file, f.time(), false);
        if (f.detector().equals("file") || f.detector().equals("yara") || f.detector().equals(ExchangePack.DETECTOR)) {
            c.addFileNamed(f.evidence().path(), f.time(), false);
        }
        String command = roles.firstOf(f.event(), COMMANDS);
        if (command == null) return;
        // a switch's value is a token of its own (/opt:C:\x.zip, name=x.7z); a URL is where a file came from, not where it was staged
        for (String token : TOKEN_GAP.split(command)) {
            if (token.contains("://")) continue;
            c.addFileNamed(SWITCH_VALUE.matcher(token).matches() ? token.substring(token.indexOf(':') + 1) : token, f.time(), true);
        }
    }

    /** One finding per act, unless a detection at its event already tells it (shares an ATT&CK technique with it). */
    private List<Finding> actFindings(Incident inc, ImpactCollector c, List<Finding> members, Function<String, String> shaOf) {
        Map<String, Set<String>> techniquesAt = new HashMap<>();
        for (Finding f : members) {
            if (f.detector().equals(Pivot.DETECTOR)) continue;
            techniquesAt.computeIfAbsent(Pivot.key(f.evidence().path(), f.evidence().line(), f.evidence().record()),
                    k -> new HashSet<>()).addAll(techniques(f.rule().tags()));
        }
        List<Finding> out = new ArrayList<>();
        boolean addressBookTold = false;
        for (ImpactCollector.Seen<?> seen : c.acts()) {
            Sighting at = seen.at();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("incident", inc.id());
            String check;
            String subject;
            Object entry = seen.entry();
            if (entry instanceof Impact.MailboxRead m) {
                check = "impact-mailbox-read";
                subject = m.mailbox() + ", " + m.requests() + " request" + (m.requests() == 1 ? "" : "s") + " over " + String.join(", ", m.protocols());
                details.put("mailbox", m.mailbox());
                details.put("protocols", m.protocols());
                details.put("first", time(m.first()));
                details.put("last", time(m.last()));
                details.put("requests", m.requests());
                details.put("bytes", m.bytes());
            } else if (entry instanceof Impact.Forwarding fw) {
                check = "impact-forwarding";
                subject = fw.mailbox() + " to " + fw.to();
                details.put("mailbox", fw.mailbox());
                details.put("to", fw.to());
                details.put("how", fw.how());
            } else if (entry instanceof Impact.Export x) {
                check = "impact-export";
                subject = x.mailbox();
                details.put("mailbox", x.mailbox());
                details.put("path", x.path());
            } else if (entry instanceof Impact.Permission pm) {
                check = "impact-permission";
                subject = pm.grantee() + " on " + pm.mailbox();
                details.put("mailbox", pm.mailbox());
                details.put("grantee", pm.grantee());
                details.put("rights", pm.rights());
            } else if (entry instanceof Impact.AddressBookRead ab) {
                if (addressBookTold) continue;
                addressBookTold = true;
                check = "impact-address-book";
                subject = ab.path();
                details.put("path", ab.path());
            } else {
                throw new IllegalStateException("no finding for " + entry);
            }
            RuleRef r = checks.rule(check);
            String pos = Pivot.key(at.path(), at.line(), at.record());
            Set<String> told = techniquesAt.getOrDefault(pos, Set.of());
            if (techniques(r.tags()).stream().anyMatch(told::contains)) continue;
            RuleRef titled = new RuleRef(r.id(), r.title() + " (" + subject + ")", r.level(), r.tags(), r.meta());
            List<Indicator> indicators = new ArrayList<>();
            String ip = fields.roles().firstOf(at.event(), List.of(FieldRole.CLIENT_ADDRESS, FieldRole.ADDRESS));
            if (ip != null) indicators.add(new Indicator("ip", ip));
            out.add(Finding.of(at.time(), ExchangePack.DETECTOR, titled, at.host(),
                    new EvidenceRef(at.path(), shaOf.apply(at.path()), at.format(), at.line(), at.record()), at.event(), indicators, details));
        }
        return out;
    }

    private static Set<String> techniques(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t.startsWith("attack.t")) out.add(t);
        }
        return out;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static final Comparator<Finding> STORY_ORDER = Comparator
            .comparing(Finding::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.evidence().path()).thenComparingLong(f -> f.evidence().line())
            .thenComparingLong(f -> f.evidence().record()).thenComparing(Finding::id);
}
