package dwell.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.Diagnostic;
import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.scan.RuleSources;
import dwell.scan.ScanInputException;
import dwell.scan.ScanOutcome;
import dwell.scan.ScanPipeline;
import dwell.scan.ScanRequest;
import dwell.scan.ScanWriter;
import dwell.scan.ServerExposure;
import dwell.scan.SummaryJson;
import dwell.text.Json;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * dwell scan: parses the options into a {@link ScanRequest}, runs the core's {@link ScanPipeline}, writes the scan
 * folder ({@link ScanWriter}) and the case, and presents the outcome on the console.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Hunts evidence with Sigma rules (and the other detectors) and writes OUT/findings.jsonl, "
                + "OUT/inventory.json and OUT/summary.json.")
public final class ScanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Evidence files, directories or archives.")
    List<Path> paths;

    @Option(names = "--rules", paramLabel = "P", description = "Sigma rule file or directory; repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--iocs", paramLabel = "P", description = "IOC feed file or directory (plain list, CSV, LOKI/THOR "
            + "hash/filename/c2/keyword files, STIX 2.1 bundle, MISP JSON event); repeatable.")
    List<Path> iocs = new ArrayList<>();

    @Option(names = "--yara", paramLabel = "P", description = "YARA rule file or directory (*.yar, *.yara), run over "
            + "every evidence file and archive member; repeatable.")
    List<Path> yara = new ArrayList<>();
    @Option(names = "--ioc-fields", paramLabel = "FILE", description = "Field placement table for --iocs (which fields "
            + "each indicator type is looked for in), in the format of dwell's built-in dwell/ioc/placement.yaml.")
    Path iocFields;

    @Option(names = "--no-builtin", description = "Do not run dwell's built-in detection packs.")
    boolean noBuiltin;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out")
    Path out;

    @Option(names = "--since", paramLabel = "T", description = "Only events at or after T (ISO-8601 date or time, UTC).")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Only events at or before T (a date means its end).")
    String until;

    @Option(names = "--min-level", paramLabel = "L", description = "Only findings at or above this level (informational, low, medium, high, critical).")
    String minLevel = "informational";

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit with status 3 when a finding at or above LEVEL exists.")
    String failOn;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--format", description = "table or json summary on stdout (default: ${DEFAULT-VALUE}).", defaultValue = "table")
    OutputFormat format;

    @Mixin
    SigmaOptions sigma;

    @Mixin
    LimitOptions limits;

    @Mixin
    PivotOptions pivot;

    @Mixin
    CaseStage caseStage;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ScanRequest request = request();
        Level fail = failOn == null ? null : level("--fail-on", failOn);
        Instant started = Instant.now();
        ScanOutcome outcome;
        try {
            outcome = ScanPipeline.run(request);
        } catch (ScanInputException e) {
            throw new InputError("--" + e.subject() + ": " + e.getMessage());
        }
        try {
            ScanWriter.write(out, outcome);
        } catch (java.nio.file.FileSystemException e) {
            throw new InputError("cannot write the output folder " + out + ": " + e.getMessage());
        }
        List<Path> caseFiles = caseStage.write(out, spec.commandLine().getParseResult().originalArgs(),
                request.rules().files(), request.rules().builtin(), started);
        if (format == OutputFormat.json) System.out.println(Json.pretty(SummaryJson.of(outcome)));
        else printSummary(outcome, caseFiles, System.out);
        if (fail != null) {
            for (Finding f : outcome.findings()) {
                if (f.rule().level() != null && f.rule().level().compareTo(fail) >= 0) return Main.EXIT_FAIL_ON;
            }
        }
        return 0;
    }

    /** The options as the pipeline's request; a missing path or bad value is the user's error. */
    ScanRequest request() {
        List<Path> evidence = Paths.existing(paths);
        Level min = level("--min-level", minLevel);
        if (threads < 1) throw new InputError("--threads must be at least 1");
        sigma.check(rules);
        RuleSources sources = new RuleSources(rules, sigma.mappings, sigma.placeholders,
                iocs.isEmpty() ? iocs : Paths.existing(iocs), iocFields, yara.isEmpty() ? yara : Paths.existing(yara), !noBuiltin);
        return new ScanRequest(evidence, sources, TimeOption.parse("--since", since, false),
                TimeOption.parse("--until", until, true), min, threads, limits.limits(), pivot.settings());
    }

    private static Level level(String option, String s) {
        try {
            return Level.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": unknown level '" + s + "' (informational, low, medium, high, critical)");
        }
    }

    void printSummary(ScanOutcome outcome, List<Path> caseFiles, PrintStream o) {
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
