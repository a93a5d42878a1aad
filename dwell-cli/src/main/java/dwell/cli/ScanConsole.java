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
 * A scan's outcome on the console, the answer first: the top incidents, then each inventoried server's exposure on
 * one line, then the counts (evidence, rules, findings per level), the top rules of each level, the busiest days, the
 * hosts, the Exchange logs' reach, and where everything was written.
 */
final class ScanConsole {
    /** Rules, days and hosts listed by name; the rest are counted. */
    private static final int TOP_RULES = 3;
    private static final int TOP_DAYS = 5;
    private static final int TOP_HOSTS = 10;
    private static final int SHOWN_CVES = 12;

    private final Path out;
    private final LevelColours colours;

    ScanConsole(Path out, LevelColours colours) {
        this.out = out;
        this.colours = colours;
    }

    void print(ScanOutcome outcome, List<Path> caseFiles, PrintStream o) {
        HuntResult r = outcome.hunt();
        List<Diagnostic> rejected = outcome.report().rejected();
        PivotOptions.print(outcome.pivot(), r.findings(), out, colours, o);
        printExposure(r.findings(), o);
        if (outcome.pivot().result() != null) o.println(PivotOptions.rounds(outcome.pivot()));
        o.println("Evidence: " + r.inventory().items().size() + " items, " + r.events() + " events"
                + (r.events() != r.eventsInWindow() ? " (" + r.eventsInWindow() + " in the time window)" : "")
                + "; rules: " + outcome.report().rules() + " loaded, " + rejected.size() + " rejected, "
                + outcome.report().notRun().size() + " not run (logsource matches no event type)");
        for (Diagnostic x : rejected.subList(0, Math.min(5, rejected.size()))) o.println("  rejected: " + SafeText.visible(x.toString()));
        for (String p : r.problems().subList(0, Math.min(5, r.problems().size()))) o.println("  problem: " + SafeText.visible(p));
        if (rejected.size() > 5) o.println("  ... " + (rejected.size() - 5) + " more rejected rules in " + out.resolve("summary.json"));
        printFeeds(outcome.report().sections().get("iocs"), o);
        printNotScanned(outcome.report().sections().get("yara"), o);
        o.println();
        Map<Level, Integer> levels = SummaryJson.levels(r.findings());
        Table lt = new Table("LEVEL", "FINDINGS");
        List<Level> rows = new ArrayList<>();
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            lt.row(l.id(), Integer.toString(levels.getOrDefault(l, 0)));
            rows.add(levels.getOrDefault(l, 0) > 0 ? l : null);
        }
        paint(lt, rows, o);
        if (!r.findings().isEmpty()) {
            o.println(r.findings().size() + " findings on " + ConsoleFacts.events(r.findings())
                    + " events (an event several rules or detectors hit counts once)");
            o.println();
            printTopRules(r.findings(), o);
            o.println();
            o.println("Busiest days: " + ConsoleFacts.busiestDays(r.findings(), TOP_DAYS));
            o.println("Hosts: " + ConsoleFacts.top(SummaryJson.count(r.findings(), f -> f.host() == null ? "-" : f.host()), TOP_HOSTS));
            o.println("First finding: " + str(SummaryJson.first(r.findings())) + "   last: " + str(SummaryJson.last(r.findings())));
        }
        printCoverage(outcome.report().sections().get("exchange"), o);
        o.println(r.findings().size() + " findings written to " + out.resolve("findings.jsonl"));
        if (!outcome.pivot().incidents().isEmpty()) {
            o.println(outcome.pivot().incidents().size() + " incidents written to " + out.resolve("incidents.json"));
        }
        for (Path p : caseFiles) o.println((p.toString().endsWith(".html") ? "Report: " : "Case file: ") + p);
    }

    /** Per level from critical down, its most frequent rules (exposure findings are said per server above). */
    private void printTopRules(List<Finding> all, PrintStream o) {
        Table t = new Table("LEVEL", "TOP RULES");
        List<Level> rows = new ArrayList<>();
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            List<Finding> at = all.stream().filter(f -> f.rule().level() == l && !f.detector().equals("exposure")).toList();
            if (at.isEmpty()) continue;
            List<String> cells = new ArrayList<>();
            List<Map.Entry<String, List<Finding>>> top = SummaryJson.topRules(at, Integer.MAX_VALUE);
            for (Map.Entry<String, List<Finding>> e : top.subList(0, Math.min(TOP_RULES, top.size()))) {
                cells.add(e.getValue().get(0).rule().title() + " (" + e.getValue().size() + ")");
            }
            if (top.size() > TOP_RULES) cells.add((top.size() - TOP_RULES) + " more rules");
            t.row(l.id(), String.join("; ", cells));
            rows.add(l);
        }
        paint(t, rows, o);
    }

    /** A table, each row in its level's colour (null: plain), the header plain. */
    private void paint(Table t, List<Level> rowLevels, PrintStream o) {
        List<String> lines = t.lines();
        o.println(lines.get(0));
        for (int i = 1; i < lines.size(); i++) colours.println(o, rowLevels.get(i - 1), lines.get(i));
    }

    /** Files the YARA rules could not be run over (an I/O error, --yara-timeout): no clean bill for them. */
    @SuppressWarnings("unchecked")
    private void printNotScanned(Map<String, Object> yara, PrintStream o) {
        if (yara == null) return;
        List<Map<String, Object>> items = (List<Map<String, Object>>) yara.get("not_scanned");
        o.println("  YARA did not scan " + items.size() + (items.size() == 1 ? " file" : " files") + " (yara.not_scanned in "
                + out.resolve("summary.json") + "), e.g. " + SafeText.visible(items.get(0).get("path") + ": " + items.get(0).get("reason")));
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

    /**
     * Per inventoried server, one line: its build, the CVEs this scan proves exploited on it, the CVEs it is
     * vulnerable to (most severe first), and the one action that closes them.
     */
    private void printExposure(List<Finding> all, PrintStream o) {
        List<ServerExposure> servers = ServerExposure.of(all);
        if (servers.isEmpty()) return;
        o.println("Exposure (Exchange inventory):");
        for (ServerExposure s : servers) {
            Level top = s.findings().stream().map(f -> f.rule().level()).filter(java.util.Objects::nonNull)
                    .max(java.util.Comparator.naturalOrder()).orElse(null);
            colours.println(o, top, SafeText.visible(ConsoleFacts.exposureLine(s, SHOWN_CVES)));
        }
        o.println();
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
