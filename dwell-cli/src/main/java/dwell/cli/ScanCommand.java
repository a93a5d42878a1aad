package dwell.cli;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.exchange.pack.ExchangePack;
import dwell.hunt.Detector;
import dwell.hunt.DetectorSet;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.exchange.exposure.ExposureDetector;
import dwell.exchange.exposure.ProvenExposure;
import dwell.ioc.FieldPlacement;
import dwell.ioc.IocDetector;
import dwell.yara.YaraCompileException;
import dwell.yara.YaraDetector;
import dwell.hunt.Diagnostic;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaDetector;
import dwell.sigma.SigmaEngine;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * dwell scan: hunts the evidence with every detector asked for and writes findings.jsonl, inventory.json and
 * summary.json to the output folder. Detectors are assembled in {@link #detectors} (the one place to add one).
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
    PivotStage pivot;

    @Mixin
    CaseStage caseStage;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What the detectors report beside their findings (rules not loaded or not run), for the summary. */
    final List<Diagnostic> rejected = new ArrayList<>();
    final List<SigmaEngine.Unmapped> unmapped = new ArrayList<>();
    int sigmaRules;
    /** The IOC detector when --iocs is given; its per-feed statistics go into the summary. */
    IocDetector iocDetector;
    /** The case file and HTML report written at the end, if any. */
    List<Path> caseFiles = List.of();
    /** The built-in Exchange pack of this scan, or null with --no-builtin. */
    ExchangePack exchange;

    @Override
    public Integer call() throws IOException {
        List<Path> evidence = Paths.existing(paths);
        Level min = level("--min-level", minLevel);
        Level fail = failOn == null ? null : level("--fail-on", failOn);
        if (threads < 1) throw new InputError("--threads must be at least 1");
        // every level is kept until the exposure stage has seen all findings; --min-level applies after it
        ScanOptions options = new ScanOptions(TimeOption.parse("--since", since, false),
                TimeOption.parse("--until", until, true), Level.INFORMATIONAL, threads);
        Instant started = Instant.now();
        DetectorSet detectors = detectors(evidence);
        long t0 = System.nanoTime();
        HuntResult result;
        try {
            HuntResult hunted = pivot.resolveHosts(new HuntEngine(detectors.list(), options, limits.limits()).run(evidence));
            result = weighExposure(hunted, min);
            result = pivot.apply(result, min, System.nanoTime() - t0, limits.limits());
        } finally {
            pivot.close();
        }
        write(result);
        pivot.writeIncidents(out);
        List<Path> sources = new ArrayList<>(rules);
        sources.addAll(iocs);
        sources.addAll(yara);
        caseFiles = caseStage.write(out, spec.commandLine().getParseResult().originalArgs(), sources, !noBuiltin, started);
        ObjectNode summary = summary(result);
        if (format == OutputFormat.json) System.out.println(Json.pretty(summary));
        else printSummary(result, System.out);
        if (fail != null) {
            for (Finding f : result.findings()) {
                if (f.rule().level() != null && f.rule().level().compareTo(fail) >= 0) return Main.EXIT_FAIL_ON;
            }
        }
        return 0;
    }

    /**
     * The exposure stage (an exposure proven exploited on its server by the built-in pack becomes critical), then
     * the --min-level filter.
     */
    private HuntResult weighExposure(HuntResult r, Level min) {
        List<Finding> all = exchange == null ? r.findings() : new ProvenExposure(exchange::produced).apply(r.findings());
        List<Finding> kept = all.stream().filter(f -> f.rule().level() == null || f.rule().level().compareTo(min) >= 0).toList();
        return new HuntResult(r.inventory(), kept, r.events(), r.eventsInWindow(), r.problems());
    }

    /** The detectors of this scan. Each detector option adds its detector here. */
    DetectorSet detectors(List<Path> evidence) {
        DetectorSet set = new DetectorSet();
        if (!rules.isEmpty()) {
            RuleSet loaded = sigma.load(rules);
            SigmaDetector d = new SigmaDetector(loaded, sigma.mapping());
            rejected.addAll(loaded.rejected());
            rejected.addAll(d.problems());
            unmapped.addAll(d.unmapped());
            sigmaRules = loaded.rules().size() + loaded.correlations().size() - d.problems().size();
            set.add(d);
        }
        if (!iocs.isEmpty()) {
            try {
                iocDetector = IocDetector.load(Paths.existing(iocs), placement());
            } catch (IOException e) {
                throw new InputError("--iocs: cannot read " + e.getMessage());
            }
            set.add(iocDetector);
        }
        if (!yara.isEmpty()) {
            try {
                set.add(YaraDetector.fromFiles(yaraFiles(Paths.existing(yara)), Map.of()));
            } catch (YaraCompileException e) {
                throw new InputError("--yara: " + e.getMessage());
            } catch (IOException e) {
                throw new InputError("--yara: cannot read " + e.getMessage());
            }
        }
        set.add(new ExposureDetector());
        try {
            pivot.detectors(evidence).forEach(set::add);
        } catch (IOException e) {
            throw new InputError("--pivot-exclude: " + e.getMessage());
        }
        if (!noBuiltin) {
            exchange = ExchangePack.create(sigma.mapping());
            rejected.addAll(exchange.rules().rejected());
            rejected.addAll(exchange.sigma().problems());
            unmapped.addAll(exchange.sigma().unmapped());
            sigmaRules += exchange.rules().rules().size() - exchange.sigma().problems().size();
            for (Detector d : exchange.detectors()) set.add(d);
        }
        return set;
    }

    /** The rule files named: files as given, directories walked for *.yar and *.yara. */
    static List<Path> yaraFiles(List<Path> given) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.walk(p)) {
                s.filter(f -> Files.isRegularFile(f) && f.toString().matches("(?i).*\\.yara?$")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private FieldPlacement placement() {
        if (iocFields == null) return FieldPlacement.builtin();
        try (java.io.InputStream in = Files.newInputStream(iocFields)) {
            return FieldPlacement.load(in);
        } catch (IOException e) {
            throw new InputError("--ioc-fields " + iocFields + ": " + e.getMessage());
        }
    }

    private static Level level(String option, String s) {
        try {
            return Level.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": unknown level '" + s + "' (informational, low, medium, high, critical)");
        }
    }

    private void write(HuntResult r) throws IOException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputError("cannot create output folder " + out + ": " + e.getMessage());
        }
        try (Writer w = SafeText.utf8(Files.newOutputStream(out.resolve("findings.jsonl")))) {
            for (Finding f : r.findings()) {
                w.write(FindingJson.line(f));
                w.write('\n');
            }
        }
        Json.write(out.resolve("inventory.json"), InventoryCommand.toJson(r.inventory()));
        Json.write(out.resolve("summary.json"), summary(r));
    }

    ObjectNode summary(HuntResult r) {
        ObjectNode s = Json.object();
        s.put("findings", r.findings().size());
        ObjectNode byLevel = s.putObject("by_level");
        Map<Level, Integer> levels = levels(r.findings());
        for (Level l : Level.values()) byLevel.put(l.id(), levels.getOrDefault(l, 0));
        ObjectNode byDetector = s.putObject("by_detector");
        count(r.findings(), Finding::detector).forEach(byDetector::put);
        ArrayNode top = s.putArray("top_rules");
        for (Map.Entry<String, List<Finding>> e : topRules(r.findings(), 20)) {
            Finding f = e.getValue().get(0);
            top.addObject().put("id", f.rule().id()).put("title", f.rule().title())
                    .put("level", f.rule().level() == null ? null : f.rule().level().id())
                    .put("detector", f.detector()).put("count", e.getValue().size());
        }
        ArrayNode hosts = s.putArray("hosts");
        count(r.findings(), f -> f.host() == null ? "-" : f.host()).forEach((h, n) -> hosts.addObject().put("host", h).put("findings", n));
        s.put("first", Json.time(first(r.findings())));
        s.put("last", Json.time(last(r.findings())));
        s.put("items", r.inventory().items().size());
        s.put("events", r.events());
        s.put("events_in_window", r.eventsInWindow());
        ObjectNode rs = s.putObject("rules");
        rs.put("loaded", sigmaRules);
        rs.put("rejected", rejected.size());
        rs.put("unmapped", unmapped.size());
        if (iocDetector != null) s.set("iocs", IocSummary.json(iocDetector.feeds()));
        ArrayNode problems = s.putArray("problems");
        r.problems().forEach(problems::add);
        ArrayNode rej = s.putArray("rejected_rules");
        for (Diagnostic x : rejected) rej.addObject().put("path", x.source()).put("reason", x.toString());
        ArrayNode un = s.putArray("unmapped_rules");
        for (SigmaEngine.Unmapped u : unmapped) {
            un.addObject().put("path", u.rule().origin().path()).put("reason", u.rule().origin() + ": " + u.reason());
        }
        s.set("pivot", pivot.json());
        s.set("exposure", ExposureSummary.json(r.findings()));
        if (exchange != null) {
            ObjectNode x = s.putObject("exchange");
            x.put("exposure_start", exchange.exposureStart().toString());
            ArrayNode cov = x.putArray("log_coverage");
            exchange.logCoverage().forEach(c -> cov.add(Json.MAPPER.valueToTree(c.facts())));
            ArrayNode feeds = x.putArray("ioc_feeds");
            for (dwell.ioc.FeedStats f : exchange.iocFeeds()) {
                feeds.addObject().put("feed", f.feed()).put("loaded", f.loaded()).put("rejected", f.rejectedCount())
                        .put("seen", f.seen()).put("hits", f.hits());
            }
        }
        return s;
    }

    void printSummary(HuntResult r, PrintStream o) {
        pivot.print(o);
        o.println("Evidence: " + r.inventory().items().size() + " items, " + r.events() + " events"
                + (r.events() != r.eventsInWindow() ? " (" + r.eventsInWindow() + " in the time window)" : "")
                + "; rules: " + sigmaRules + " loaded, " + rejected.size() + " rejected, " + unmapped.size()
                + " not run (logsource matches no event type)");
        for (Diagnostic x : rejected.subList(0, Math.min(5, rejected.size()))) o.println("  rejected: " + SafeText.visible(x.toString()));
        for (String p : r.problems().subList(0, Math.min(5, r.problems().size()))) o.println("  problem: " + SafeText.visible(p));
        if (rejected.size() > 5) o.println("  ... " + (rejected.size() - 5) + " more rejected rules in " + out.resolve("summary.json"));
        if (iocDetector != null) IocSummary.print(iocDetector.feeds(), out.resolve("summary.json"), o);
        o.println();
        Map<Level, Integer> levels = levels(r.findings());
        Table lt = new Table("LEVEL", "FINDINGS");
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            lt.row(l.id(), Integer.toString(levels.getOrDefault(l, 0)));
        }
        lt.print(o);
        if (!r.findings().isEmpty()) {
            o.println();
            Table rt = new Table("COUNT", "LEVEL", "DETECTOR", "RULE");
            for (Map.Entry<String, List<Finding>> e : topRules(r.findings(), 10)) {
                Finding f = e.getValue().get(0);
                rt.row(Integer.toString(e.getValue().size()), f.rule().level() == null ? "-" : f.rule().level().id(),
                        f.detector(), f.rule().title());
            }
            rt.print(o);
            o.println();
            Table ht = new Table("HOST", "FINDINGS");
            count(r.findings(), f -> f.host() == null ? "-" : f.host()).forEach((h, n) -> ht.row(h, Integer.toString(n)));
            ht.print(o);
            o.println();
            o.println("First finding: " + str(first(r.findings())) + "   last: " + str(last(r.findings())));
        }
        ExposureSummary.print(r.findings(), o);
        if (exchange != null && !exchange.logCoverage().isEmpty()) {
            o.println();
            o.println("Log coverage against the ProxyLogon exposure window (exploitation from "
                    + exchange.exposureStart().toString().substring(0, 10) + "):");
            Table ct = new Table("LOGS", "FIRST", "LAST", "EVENTS", "COVERS", "AROUND THE START");
            exchange.logCoverage().forEach(c -> ct.row(c.series(), c.first().toString(), c.last().toString(),
                    Long.toString(c.events()), c.start().covers() ? "yes" : "no", c.start().describe()));
            ct.print(o);
        }
        o.println(r.findings().size() + " findings written to " + out.resolve("findings.jsonl"));
        if (!pivot.incidents().isEmpty()) o.println(pivot.incidents().size() + " incidents written to " + out.resolve("incidents.json"));
        for (Path p : caseFiles) o.println((p.toString().endsWith(".html") ? "Report: " : "Case file: ") + p);
    }

    private static Map<Level, Integer> levels(List<Finding> fs) {
        Map<Level, Integer> m = new EnumMap<>(Level.class);
        for (Finding f : fs) if (f.rule().level() != null) m.merge(f.rule().level(), 1, Integer::sum);
        return m;
    }

    private static Map<String, Integer> count(List<Finding> fs, java.util.function.Function<Finding, String> key) {
        Map<String, Integer> m = new TreeMap<>();
        for (Finding f : fs) m.merge(key.apply(f), 1, Integer::sum);
        return m;
    }

    /** Rules by number of findings (then level, then id), most first. */
    private static List<Map.Entry<String, List<Finding>>> topRules(List<Finding> fs, int n) {
        Map<String, List<Finding>> by = new LinkedHashMap<>();
        for (Finding f : fs) by.computeIfAbsent(f.detector() + "\0" + f.rule().id(), k -> new ArrayList<>()).add(f);
        List<Map.Entry<String, List<Finding>>> es = new ArrayList<>(by.entrySet());
        es.sort(Comparator.<Map.Entry<String, List<Finding>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(e -> e.getKey()));
        return es.subList(0, Math.min(n, es.size()));
    }

    private static Instant first(List<Finding> fs) {
        for (Finding f : fs) if (f.time() != null) return f.time();
        return null;
    }

    private static Instant last(List<Finding> fs) {
        Instant t = null;
        for (Finding f : fs) if (f.time() != null && (t == null || f.time().isAfter(t))) t = f.time();
        return t;
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
