package dwell.cli;

import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.scan.ServerExposure;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The one-line facts of the console summary: distinct events, busiest days, a top list, a server's exposure. */
final class ConsoleFacts {
    private ConsoleFacts() {
    }

    /** How many evidence events (or items, for file findings) the findings are on: several rules on one count once. */
    static int events(List<Finding> findings) {
        Set<EvidenceRef> seen = new HashSet<>();
        int unplaced = 0;
        for (Finding f : findings) {
            EvidenceRef e = f.evidence();
            if (e == null || e.path() == null) unplaced++;
            else seen.add(new EvidenceRef(e.path(), null, null, e.line(), e.record()));
        }
        return seen.size() + unplaced;
    }

    /**
     * The days with the most events behind findings of medium or higher, most first (then the earlier day), e.g.
     * {@code 2021-03-03 (40 events), 2021-03-05 (12 events)}; exposure findings are dated by the inventory, not an event.
     */
    static String busiestDays(List<Finding> findings, int n) {
        Map<String, Set<EvidenceRef>> byDay = new TreeMap<>();
        for (Finding f : findings) {
            if (f.time() == null || f.rule().level() == null || f.rule().level().compareTo(Level.MEDIUM) < 0
                    || f.detector().equals("exposure")) continue;
            EvidenceRef e = f.evidence();
            byDay.computeIfAbsent(f.time().atOffset(ZoneOffset.UTC).toLocalDate().toString(), d -> new HashSet<>())
                    .add(e == null ? new EvidenceRef(f.id(), null, null, 0, 0) : new EvidenceRef(e.path(), null, null, e.line(), e.record()));
        }
        if (byDay.isEmpty()) return "no dated finding of medium or higher";
        Map<String, Integer> counts = new TreeMap<>();
        byDay.forEach((d, s) -> counts.put(d, s.size()));
        List<String> cells = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ranked(counts).subList(0, Math.min(n, counts.size()))) {
            cells.add(e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " event)" : " events)"));
        }
        return String.join(", ", cells);
    }

    /** The n largest counts, most first (then by name), e.g. {@code EXCH01 (214), rp01 (5), 3 more}. */
    static String top(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> ranked = ranked(counts);
        List<String> cells = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ranked.subList(0, Math.min(n, ranked.size()))) cells.add(e.getKey() + " (" + e.getValue() + ")");
        if (ranked.size() > n) cells.add((ranked.size() - n) + " more");
        return cells.isEmpty() ? "-" : String.join(", ", cells);
    }

    private static List<Map.Entry<String, Integer>> ranked(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> es = new ArrayList<>(counts.entrySet());
        es.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue()).thenComparing(Map.Entry::getKey));
        return es;
    }

    /**
     * One server's exposure on one line: build and status, the CVEs proven exploited on it, the CVEs it is open to
     * (most severe first, the first {@code shown} named), and the action, said once however many CVEs it closes.
     */
    static String exposureLine(ServerExposure s, int shown) {
        Finding first = s.findings().get(0);
        StringBuilder b = new StringBuilder(s.name()).append(" (build ").append(s.build() == null ? "-" : s.build());
        Object status = first.details().get("status");
        if (status != null) b.append(", ").append(status);
        b.append(")");
        List<String> exploited = s.exploited().stream().map(ServerExposure::cve).distinct().sorted().toList();
        if (!exploited.isEmpty()) b.append(": exploited here ").append(String.join(", ", exploited)).append(";");
        else b.append(":");
        List<Finding> bySeverity = new ArrayList<>(s.findings());
        bySeverity.sort(Comparator.comparing((Finding f) -> f.rule().level() == null ? -1 : f.rule().level().ordinal(),
                Comparator.reverseOrder()).thenComparing(ServerExposure::cve));
        List<String> cves = new ArrayList<>(new LinkedHashSet<>(bySeverity.stream().map(ServerExposure::cve).toList()));
        Map<Level, Integer> levels = new HashMap<>();
        for (Finding f : s.findings()) if (f.rule().level() != null) levels.merge(f.rule().level(), 1, Integer::sum);
        b.append(' ').append(cves.size()).append(cves.size() == 1 ? " CVE" : " CVEs").append(" (")
                .append(levels.getOrDefault(Level.CRITICAL, 0)).append(" critical, ").append(levels.getOrDefault(Level.HIGH, 0))
                .append(" high): ").append(String.join(", ", cves.subList(0, Math.min(shown, cves.size()))));
        if (cves.size() > shown) b.append(" and ").append(cves.size() - shown).append(" more");
        Set<String> actions = new LinkedHashSet<>();
        for (Finding f : s.findings()) if (f.details().get("action") != null) actions.add(f.details().get("action").toString());
        if (!actions.isEmpty()) b.append("; action: ").append(String.join(" / ", actions));
        return b.toString();
    }
}
