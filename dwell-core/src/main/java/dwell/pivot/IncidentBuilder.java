package dwell.pivot;

import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups findings into incidents: findings sharing a strong indicator (an address, a web-shell path, a file,
 * a hash, an account...) or linked by a pivot are one actor's trail; a user agent alone never merges.
 */
final class IncidentBuilder {
    private static final int MAX_STORY = 200;

    private final PivotFields fields;
    private final Acceptance accept;
    private final PivotConfig config;

    IncidentBuilder(PivotFields fields, Acceptance accept, PivotConfig config) {
        this.fields = fields;
        this.accept = accept;
        this.config = config;
    }

    List<Incident> build(List<Finding> all) {
        int n = all.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < n; i++) byId.putIfAbsent(all.get(i).id(), i);
        List<List<Value>> valuesOf = new ArrayList<>();
        Map<Value, Integer> firstHolder = new HashMap<>();
        boolean[] linked = new boolean[n];
        for (int i = 0; i < n; i++) {
            Finding f = all.get(i);
            List<Value> vs = new ArrayList<>();
            if (!f.detector().equals("exposure")) {
                if (f.detector().equals(Pivot.DETECTOR)) {
                    for (Indicator ind : f.indicators()) {
                        Kind k = Kind.byId(ind.type());
                        if (k != null) vs.add(new Value(k, ind.value()));
                    }
                    Object origin = f.details().get("origin");
                    Integer o = origin == null ? null : byId.get(origin.toString());
                    if (o != null) {
                        union(parent, i, o);
                        linked[i] = linked[o] = true;
                    }
                } else if (f.rule().level().compareTo(config.minLevel()) >= 0) {
                    Pivot.valuesOf(f, fields, accept).forEach(e -> vs.add(e.getValue()));
                }
            }
            valuesOf.add(vs);
            for (Value v : vs) {
                if (!v.kind().strong()) continue;
                linked[i] = true;
                Integer prev = firstHolder.putIfAbsent(v, i);
                if (prev != null) union(parent, i, prev);
            }
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (linked[i]) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<Incident> out = new ArrayList<>();
        for (List<Integer> members : groups.values()) out.add(incident(all, members, valuesOf));
        out.sort(Comparator.comparing(Incident::first, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> i.findings().get(0)));
        List<Incident> numbered = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Incident x = out.get(i);
            numbered.add(new Incident("INC-" + (i + 1), x.first(), x.last(), x.dwellDays(), x.hosts(), x.indicators(),
                    x.techniques(), x.cves(), x.findings(), x.story()));
        }
        return numbered;
    }

    private Incident incident(List<Finding> all, List<Integer> members, List<List<Value>> valuesOf) {
        Instant first = null;
        Instant last = null;
        TreeSet<String> hosts = new TreeSet<>();
        TreeSet<Value> values = new TreeSet<>();
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
            values.addAll(valuesOf.get(i));
            for (String t : f.rule().tags()) {
                if (t.startsWith("attack.t")) techniques.add(t.substring("attack.".length()).toUpperCase());
                if (t.startsWith("cve.")) cves.add("CVE-" + t.substring(4).toUpperCase());
            }
        }
        fs.sort(Comparator.comparing(Finding::time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(f -> f.evidence().path()).thenComparingLong(f -> f.evidence().line())
                .thenComparing(Finding::id));
        Instant end = config.asOf() != null ? config.asOf() : last;
        // calendar days in UTC, as an analyst counts them: 2019-04-11 to 2021-03-03 is 692 days
        long days = first == null || end == null ? 0
                : ChronoUnit.DAYS.between(first.atOffset(ZoneOffset.UTC).toLocalDate(), end.atOffset(ZoneOffset.UTC).toLocalDate());
        List<Indicator> indicators = values.stream().map(v -> new Indicator(v.kind().id(), v.value())).toList();
        return new Incident(null, first, last, days, List.copyOf(hosts), indicators, List.copyOf(techniques),
                List.copyOf(cves), fs.stream().map(Finding::id).distinct().toList(), story(fs));
    }

    /** The key events: every detection, the first trace of each pivoted indicator, and the last finding. */
    private static List<Incident.StoryStep> story(List<Finding> sorted) {
        Map<String, Finding> keep = new LinkedHashMap<>();
        Map<Object, Boolean> firstOfIndicator = new HashMap<>();
        for (Finding f : sorted) {
            if (!f.detector().equals(Pivot.DETECTOR)) {
                keep.put(f.id(), f);
            } else if (firstOfIndicator.putIfAbsent(f.details().get("indicator"), true) == null) {
                keep.put(f.id(), f);
            }
        }
        if (!sorted.isEmpty()) keep.put(sorted.get(sorted.size() - 1).id(), sorted.get(sorted.size() - 1));
        List<Finding> steps = new ArrayList<>(keep.values());
        steps.sort(Comparator.comparing(Finding::time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(f -> f.evidence().path()).thenComparingLong(f -> f.evidence().line()));
        if (steps.size() > MAX_STORY) {
            List<Finding> cut = new ArrayList<>(steps.subList(0, MAX_STORY - 1));
            cut.add(steps.get(steps.size() - 1));
            steps = cut;
        }
        return steps.stream().map(f -> new Incident.StoryStep(f.time(), summary(f), f.evidence().path(),
                f.evidence().line(), f.evidence().record(), f.id())).toList();
    }

    static String summary(Finding f) {
        if (f.detector().equals(Pivot.DETECTOR)) return Objects.toString(f.details().get("explanation"), f.rule().title());
        StringBuilder sb = new StringBuilder(f.rule().title());
        Map<String, String> ev = f.event() == null ? Map.of() : f.event();
        String ip = firstOf(ev, "c-ip", "ClientIpAddress", "SourceIp", "IpAddress", "IP");
        String method = firstOf(ev, "cs-method", "Method");
        String path = firstOf(ev, "cs-uri-stem", "UrlStem", "TargetFilename", "CommandLine", "CMD");
        if (ip != null) sb.append(" - ").append(ip);
        if (method != null && path != null) sb.append(' ').append(method);
        if (path != null) sb.append(' ').append(path.length() > 160 ? path.substring(0, 160) + "..." : path);
        return sb.toString();
    }

    private static String firstOf(Map<String, String> ev, String... names) {
        for (String n : names) {
            String v = ev.get(n);
            if (v != null && !v.isEmpty() && !v.equals("-")) return v;
        }
        return null;
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
