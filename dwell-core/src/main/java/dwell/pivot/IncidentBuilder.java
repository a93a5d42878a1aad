package dwell.pivot;

import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Groups findings into incidents. Two findings are one actor's trail when they share a strong value within one
 * realm, when a strong value's pivot found one from the other, or when one caused the other on a host (a web-shell
 * request and the shell its worker process started). Weak values never join findings: their pivot hits are the
 * incident's leads. Findings of level medium or higher that join nothing are listed as unattributed.
 */
final class IncidentBuilder {
    private static final int MAX_STORY = 200;
    /** What a story step names, each the first field found of its roles: who, how, and what was asked or done. */
    private static final List<FieldRole> WHO = List.of(FieldRole.CLIENT_ADDRESS, FieldRole.ADDRESS);
    private static final List<FieldRole> HOW = List.of(FieldRole.REQUEST_METHOD);
    private static final List<FieldRole> WHAT = List.of(FieldRole.URL_PATH, FieldRole.FILE, FieldRole.COMMAND);

    /** The incidents, and the ids of medium-or-higher findings that belong to none. */
    record Outcome(List<Incident> incidents, List<String> unattributed) {
    }

    private final PivotFields fields;
    private final Function<Finding, List<Map.Entry<String, Value>>> seedValues;
    private final PivotConfig config;
    private final Causes causes;

    /** @param seedValues a detector's finding's accepted values ({@link Pivot#valuesOf}), as the pivot seeded them */
    IncidentBuilder(PivotFields fields, Function<Finding, List<Map.Entry<String, Value>>> seedValues, PivotConfig config,
                    Causes causes) {
        this.fields = fields;
        this.seedValues = seedValues;
        this.config = config;
        this.causes = causes;
    }

    Outcome build(List<Finding> all) {
        int n = all.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < n; i++) byId.putIfAbsent(all.get(i).id(), i);
        List<List<Value>> valuesOf = new ArrayList<>();
        Map<List<Object>, Integer> firstHolder = new HashMap<>();
        boolean[] linked = new boolean[n];
        int[] leadOf = new int[n];
        java.util.Arrays.fill(leadOf, -1);
        for (int i = 0; i < n; i++) {
            Finding f = all.get(i);
            List<Value> vs = new ArrayList<>();
            valuesOf.add(vs);
            if (Pivot.isExposure(f)) continue;
            if (f.detector().equals(Pivot.DETECTOR)) {
                Integer o = byId.get(Objects.toString(f.details().get("origin"), ""));
                if (!Pivot.isStrong(f)) {
                    if (o != null) leadOf[i] = o;
                    continue;
                }
                for (Indicator ind : f.indicators()) {
                    Kind k = Kind.byId(ind.type());
                    if (k != null) vs.add(new Value(k, ind.value()));
                }
                if (o != null) {
                    union(parent, i, o);
                    linked[i] = linked[o] = true;
                }
            } else if (f.rule().level().compareTo(config.minLevel()) >= 0) {
                seedValues.apply(f).forEach(e -> vs.add(e.getValue()));
            }
            String realm = Hosts.realm(f.host(), f.evidence().path());
            for (Value v : vs) {
                if (Strength.of(v) != Strength.STRONG) continue;
                linked[i] = true;
                Integer prev = firstHolder.putIfAbsent(List.of(v, realm), i);
                if (prev != null) union(parent, i, prev);
            }
        }
        boolean[] indicated = linked.clone();
        for (Causes.Link l : causes.links(all, i -> !indicated[i])) {
            union(parent, l.effect(), l.cause());
            linked[l.effect()] = linked[l.cause()] = true;
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (linked[i]) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, List<Integer>> leads = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (leadOf[i] >= 0 && linked[leadOf[i]]) leads.computeIfAbsent(find(parent, leadOf[i]), k -> new ArrayList<>()).add(i);
        }
        List<Incident> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            out.add(incident(all, g.getValue(), leads.getOrDefault(g.getKey(), List.of()), valuesOf));
        }
        out.sort(Comparator.comparing(Incident::first, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> i.findings().get(0)));
        List<Incident> numbered = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Incident x = out.get(i);
            numbered.add(new Incident("INC-" + (i + 1), x.summary(), x.first(), x.last(), x.dwellDays(), x.hosts(),
                    x.indicators(), x.techniques(), x.cves(), x.findings(), x.leads(), x.story()));
        }
        List<String> unattributed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Finding f = all.get(i);
            if (!linked[i] && !Pivot.isExposure(f) && f.rule().level().compareTo(Level.MEDIUM) >= 0) {
                unattributed.add(f.id());
            }
        }
        return new Outcome(numbered, unattributed.stream().distinct().toList());
    }

    private Incident incident(List<Finding> all, List<Integer> members, List<Integer> leadMembers,
                              List<List<Value>> valuesOf) {
        Instant first = null;
        Instant last = null;
        TreeSet<String> hosts = new TreeSet<>();
        Map<Value, Set<String>> shownBy = new TreeMap<>();
        TreeSet<String> techniques = new TreeSet<>();
        TreeSet<String> cves = new TreeSet<>();
        List<Finding> fs = new ArrayList<>();
        for (int i : members) {
            Finding f = all.get(i);
            fs.add(f);
            if (f.time() != null) {
                if (first == null || f.time().isBefore(first)) first = f.time();
                if (last == null || f.time().isAfter(last)) last = f.time();
            }
            if (f.host() != null) hosts.add(f.host());
            for (Value v : valuesOf.get(i)) {
                Set<String> by = shownBy.computeIfAbsent(v, k -> new TreeSet<>());
                if (f.rule().level().compareTo(Level.MEDIUM) >= 0) by.add(f.id());
            }
            for (String t : f.rule().tags()) {
                if (t.startsWith("attack.t")) techniques.add(t.substring("attack.".length()).toUpperCase());
                if (t.startsWith("cve.")) cves.add("CVE-" + t.substring(4).toUpperCase());
            }
        }
        fs.sort(STORY_ORDER.thenComparing(Finding::id));
        Instant end = config.asOf() != null ? config.asOf() : last;
        // calendar days in UTC, as an analyst counts them: 2019-04-11 to 2021-03-03 is 692 days
        long days = first == null || end == null ? 0
                : ChronoUnit.DAYS.between(first.atOffset(ZoneOffset.UTC).toLocalDate(), end.atOffset(ZoneOffset.UTC).toLocalDate());
        List<Incident.Attributed> indicators = new ArrayList<>();
        shownBy.forEach((v, by) -> indicators.add(new Incident.Attributed(v.kind().id(), v.value(), Strength.of(v), List.copyOf(by))));
        List<String> leadIds = leadMembers.stream().map(i -> all.get(i)).sorted(STORY_ORDER.thenComparing(Finding::id))
                .map(Finding::id).distinct().toList();
        return new Incident(null, summary(fs), first, last, days, List.copyOf(hosts), indicators, List.copyOf(techniques),
                List.copyOf(cves), fs.stream().map(Finding::id).distinct().toList(), leadIds, story(fs));
    }

    private static final Comparator<Finding> STORY_ORDER = Comparator
            .comparing(Finding::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.evidence().path()).thenComparingLong(f -> f.evidence().line())
            .thenComparingLong(f -> f.evidence().record());

    /** One line for the incident: its most severe detection (the earliest of those), and how many other rules fired. */
    static String summary(List<Finding> sorted) {
        Finding lead = null;
        Set<String> rules = new HashSet<>();
        for (Finding f : sorted) {
            if (f.detector().equals(Pivot.DETECTOR)) continue;
            rules.add(f.detector() + "\0" + f.rule().id());
            if (lead == null || f.rule().level().compareTo(lead.rule().level()) > 0) lead = f;
        }
        if (lead == null) return sorted.isEmpty() ? "" : sorted.get(0).rule().title();
        int others = rules.size() - 1;
        return lead.rule().title() + (others == 0 ? "" : " (and " + others + " more rule" + (others == 1 ? "" : "s") + ")");
    }

    /**
     * The key events: every detection, the first trace of each pivoted indicator, and the last finding; one step
     * per evidence position (two rules on one log line are one step, the most severe one's).
     */
    private List<Incident.StoryStep> story(List<Finding> sorted) {
        Map<String, Finding> keep = new LinkedHashMap<>();
        Map<Object, Boolean> firstOfIndicator = new HashMap<>();
        for (Finding f : sorted) {
            if (!f.detector().equals(Pivot.DETECTOR)) {
                keep.merge(position(f), f, (a, b) -> b.rule().level().compareTo(a.rule().level()) > 0 ? b : a);
            } else if (firstOfIndicator.putIfAbsent(f.details().get("indicator"), true) == null) {
                keep.putIfAbsent(position(f), f);
            }
        }
        if (!sorted.isEmpty()) keep.putIfAbsent(position(sorted.get(sorted.size() - 1)), sorted.get(sorted.size() - 1));
        List<Finding> steps = new ArrayList<>(keep.values());
        steps.sort(STORY_ORDER);
        if (steps.size() > MAX_STORY) {
            List<Finding> cut = new ArrayList<>(steps.subList(0, MAX_STORY - 1));
            cut.add(steps.get(steps.size() - 1));
            steps = cut;
        }
        return steps.stream().map(f -> new Incident.StoryStep(f.time(), stepSummary(f), f.evidence().path(),
                f.evidence().line(), f.evidence().record(), f.id())).toList();
    }

    private static String position(Finding f) {
        return Pivot.key(f.evidence().path(), f.evidence().line(), f.evidence().record());
    }

    /** One line for a story step: the rule, and who asked for or did what (address, method, path or command). */
    private String stepSummary(Finding f) {
        if (f.detector().equals(Pivot.DETECTOR)) return Objects.toString(f.details().get("explanation"), f.rule().title());
        StringBuilder sb = new StringBuilder(f.rule().title());
        Map<String, String> ev = f.event() == null ? Map.of() : f.event();
        FieldRoles roles = fields.roles();
        String ip = roles.firstOf(ev, WHO);
        String method = roles.firstOf(ev, HOW);
        String path = roles.firstOf(ev, WHAT);
        if (ip != null) sb.append(" - ").append(ip);
        if (method != null && path != null) sb.append(' ').append(method);
        if (path != null) sb.append(' ').append(path.length() > 160 ? path.substring(0, 160) + "..." : path);
        return sb.toString();
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra == rb) return;
        if (ra < rb) p[rb] = ra; else p[ra] = rb;
    }
}
