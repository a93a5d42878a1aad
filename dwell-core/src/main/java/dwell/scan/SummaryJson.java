package dwell.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.DetectorReport;
import dwell.hunt.Diagnostic;
import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.pivot.PivotResult;
import dwell.pivot.Round;
import dwell.text.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A scan's {@code summary.json}: findings per level, detector, rule and host, their first and last time, the
 * evidence read, what the detectors loaded and rejected and their own sections ({@code iocs}, {@code exchange}),
 * the problems met, the pivot's rounds and the exposure per server.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    public static ObjectNode of(ScanOutcome o) {
        HuntResult r = o.hunt();
        List<Finding> fs = r.findings();
        ObjectNode s = Json.object();
        s.put("findings", fs.size());
        ObjectNode byLevel = s.putObject("by_level");
        Map<Level, Integer> levels = levels(fs);
        for (Level l : Level.values()) byLevel.put(l.id(), levels.getOrDefault(l, 0));
        ObjectNode byDetector = s.putObject("by_detector");
        count(fs, Finding::detector).forEach(byDetector::put);
        ArrayNode top = s.putArray("top_rules");
        for (Map.Entry<String, List<Finding>> e : topRules(fs, 20)) {
            Finding f = e.getValue().get(0);
            top.addObject().put("id", f.rule().id()).put("title", f.rule().title())
                    .put("level", f.rule().level() == null ? null : f.rule().level().id())
                    .put("detector", f.detector()).put("count", e.getValue().size());
        }
        ArrayNode hosts = s.putArray("hosts");
        count(fs, f -> f.host() == null ? "-" : f.host()).forEach((h, n) -> hosts.addObject().put("host", h).put("findings", n));
        s.put("first", Json.time(first(fs)));
        s.put("last", Json.time(last(fs)));
        s.put("items", r.inventory().items().size());
        s.put("events", r.events());
        s.put("events_in_window", r.eventsInWindow());
        DetectorReport report = o.report();
        ObjectNode rs = s.putObject("rules");
        rs.put("loaded", report.rules());
        rs.put("rejected", report.rejected().size());
        rs.put("unmapped", report.notRun().size());
        ArrayNode problems = s.putArray("problems");
        r.problems().forEach(problems::add);
        ArrayNode rej = s.putArray("rejected_rules");
        for (Diagnostic x : report.rejected()) rej.addObject().put("path", x.source()).put("reason", x.toString());
        ArrayNode un = s.putArray("unmapped_rules");
        for (Diagnostic x : report.notRun()) un.addObject().put("path", x.source()).put("reason", x.toString());
        s.set("pivot", pivot(o.pivot()));
        s.set("exposure", ServerExposure.json(fs));
        report.sections().forEach((k, v) -> s.set(k, Json.MAPPER.valueToTree(v)));
        return s;
    }

    /** The pivot's part: status, rounds and their timings against the first pass, the index's size, incidents. */
    static ObjectNode pivot(PivotOutcome p) {
        ObjectNode o = Json.object();
        o.put("enabled", p.enabled());
        if (!p.enabled()) return o;
        o.put("status", p.status());
        if (p.skipped() != null) o.put("limit", "the pivot was skipped: " + p.skipped());
        else if (p.limit() != null) o.put("limit", p.limit()).put("unindexed_events", p.unindexedEvents());
        o.put("first_pass_ms", p.firstPassNanos() / 1_000_000);
        PivotResult result = p.result();
        if (result == null) return o;
        o.put("index_events", result.indexedEvents());
        o.put("index_values", result.distinctValues());
        o.put("index_bytes", result.indexBytes());
        o.put("index_disk_bytes", p.diskBytes());
        o.put("index_memory_budget", p.memoryBudget());
        ArrayNode rounds = o.putArray("rounds");
        for (Round r : result.rounds()) {
            rounds.addObject().put("round", r.round()).put("indicators", r.indicators()).put("findings", r.findings())
                    .put("new_indicators", r.newIndicators()).put("ms", r.nanos() / 1_000_000.0);
        }
        o.put("incidents", result.incidents().size());
        o.put("unattributed", result.unattributed().size());
        return o;
    }

    public static Map<Level, Integer> levels(List<Finding> fs) {
        Map<Level, Integer> m = new EnumMap<>(Level.class);
        for (Finding f : fs) if (f.rule().level() != null) m.merge(f.rule().level(), 1, Integer::sum);
        return m;
    }

    public static Map<String, Integer> count(List<Finding> fs, Function<Finding, String> key) {
        Map<String, Integer> m = new TreeMap<>();
        for (Finding f : fs) m.merge(key.apply(f), 1, Integer::sum);
        return m;
    }

    /** Rules by number of findings (then detector and id), most first. */
    public static List<Map.Entry<String, List<Finding>>> topRules(List<Finding> fs, int n) {
        Map<String, List<Finding>> by = new LinkedHashMap<>();
        for (Finding f : fs) by.computeIfAbsent(f.detector() + "\0" + f.rule().id(), k -> new ArrayList<>()).add(f);
        List<Map.Entry<String, List<Finding>>> es = new ArrayList<>(by.entrySet());
        es.sort(Comparator.<Map.Entry<String, List<Finding>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        return es.subList(0, Math.min(n, es.size()));
    }

    public static Instant first(List<Finding> fs) {
        for (Finding f : fs) if (f.time() != null) return f.time();
        return null;
    }

    public static Instant last(List<Finding> fs) {
        Instant t = null;
        for (Finding f : fs) if (f.time() != null && (t == null || f.time().isAfter(t))) t = f.time();
        return t;
    }
}
