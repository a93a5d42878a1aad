package dwell.cli;

import dwell.hunt.Diagnostic;
import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.scan.ScanOutcome;
import dwell.scan.ServerExposure;
import dwell.scan.SummaryJson;
import dwell.text.SafeText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scan's outcome on the console: its incidents first, then the evidence and rules, findings per level, the top
 * rules and hosts, the exposure per server and the Exchange logs' reach, and where everything was written.
 */
final class ScanConsole {
    private final Path out;

    ScanConsole(Path out) {
        this.out = out;
    }

    void print(ScanOutcome outcome, List<Path> caseFiles, PrintStream o) {
        HuntResult r = outcome.hunt();
        List<Diagnostic> rejected = outcome.report().rejected();
        PivotOptions.print(outcome.pivot(), o);
        o.println("Evidence: " + r.inventory().items().size() + " items, " + r.events() + " events"
                + (r.events() != r.eventsInWindow() ? " (" + r.eventsInWindow() + " in the time window)" : "")
                + "; rules: " + outcome.report().rules() + " loaded, " + rejected.size() + " rejected, "
                + outcome.report().notRun().size() + " not run (logsource matches no event type)");
        for (Diagnostic x : rejected.subList(0, Math.min(5, rejected.size()))) o.println("  rejected: " + SafeText.visible(x.toString()));
        for (String p : r.problems().subList(0, Math.min(5, r.problems().size()))) o.println("  problem: " + SafeText.visible(p));
        if (rejected.size() > 5) o.println("  ... " + (rejected.size() - 5) + " more rejected rules in " + out.resolve("summary.json"));
        printFeeds(outcome.report().sections().get("iocs"), o);
        o.println();
        Map<Level, Integer> levels = SummaryJson.levels(r.findings());
        Table lt = new Table("LEVEL", "FINDINGS");
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            lt.row(l.id(), Integer.toString(levels.getOrDefault(l, 0)));
        }
        lt.print(o);
        if (!r.findings().isEmpty()) {
            o.println();
            Table rt = new Table("COUNT", "LEVEL", "DETECTOR", "RULE");
            for (Map.Entry<String, List<Finding>> e : SummaryJson.topRules(r.findings(), 10)) {
                Finding f = e.getValue().get(0);
                rt.row(Integer.toString(e.getValue().size()), f.rule().level() == null ? "-" : f.rule().level().id(),
                        f.detector(), f.rule().title());
            }
            rt.print(o);
            o.println();
            Table ht = new Table("HOST", "FINDINGS");
            SummaryJson.count(r.findings(), f -> f.host() == null ? "-" : f.host()).forEach((h, n) -> ht.row(h, Integer.toString(n)));
            ht.print(o);
            o.println();
            o.println("First finding: " + str(SummaryJson.first(r.findings())) + "   last: " + str(SummaryJson.last(r.findings())));
        }
        printExposure(r.findings(), o);
        printCoverage(outcome.report().sections().get("exchange"), o);
        o.println(r.findings().size() + " findings written to " + out.resolve("findings.jsonl"));
        if (!outcome.pivot().incidents().isEmpty()) {
            o.println(outcome.pivot().incidents().size() + " incidents written to " + out.resolve("incidents.json"));
        }
        for (Path p : caseFiles) o.println((p.toString().endsWith(".html") ? "Report: " : "Case file: ") + p);
    }

    /** Per IOC feed (summary.json's {@code iocs}): its counts, and its first rejections. */
    private void printFeeds(Map<String, Object> iocs, PrintStream o) {
        if (iocs == null) return;
        o.println("IOC feeds:");
        for (Map<?, ?> f : maps(iocs.get("feeds"))) {
            o.println("  " + SafeText.visible(String.valueOf(f.get("line"))));
            List<Map<?, ?>> rej = maps(f.get("rejections"));
            for (Map<?, ?> x : rej.subList(0, Math.min(3, rej.size()))) {
                o.println("    rejected " + SafeText.visible(x.get("where") + ": " + x.get("reason")));
            }
            long count = ((Number) f.get("rejected")).longValue();
            if (count > 3) o.println("    ... " + (count - 3) + " more rejected in " + out.resolve("summary.json"));
        }
    }

    /** Per inventoried server: its exposure findings and the CVEs the same scan proves exploited on it. */
    private static void printExposure(List<Finding> all, PrintStream o) {
        List<ServerExposure> servers = ServerExposure.of(all);
        if (servers.isEmpty()) return;
        o.println();
        o.println("Exposure (Exchange inventory):");
        Table t = new Table("SERVER", "BUILD", "FINDINGS", "CRITICAL", "HIGH", "EXPLOITED ON THIS SERVER");
        for (ServerExposure s : servers) {
            List<String> cves = s.exploited().stream().map(ServerExposure::cve).toList();
            t.row(s.name(), s.build(), Integer.toString(s.findings().size()), Long.toString(s.at(Level.CRITICAL)),
                    Long.toString(s.at(Level.HIGH)), cves.isEmpty() ? "-" : String.join(", ", cves));
        }
        t.print(o);
    }

    /** How far back each Exchange log series reaches (summary.json's {@code exchange.log_coverage}). */
    private static void printCoverage(Map<String, Object> exchange, PrintStream o) {
        if (exchange == null || maps(exchange.get("log_coverage")).isEmpty()) return;
        o.println();
        o.println("Log coverage against the ProxyLogon exposure window (exploitation from "
                + String.valueOf(exchange.get("exposure_start")).substring(0, 10) + "):");
        Table ct = new Table("LOGS", "FIRST", "LAST", "EVENTS", "COVERS", "AROUND THE START");
        for (Map<?, ?> c : maps(exchange.get("log_coverage"))) {
            ct.row(str(c.get("series")), str(c.get("first")), str(c.get("last")), str(c.get("events")),
                    Boolean.TRUE.equals(c.get("covers_exposure_start")) ? "yes" : "no", str(c.get("around_start")));
        }
        ct.print(o);
    }

    private static List<Map<?, ?>> maps(Object list) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object x : l) if (x instanceof Map<?, ?> m) out.add(m);
        return out;
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
