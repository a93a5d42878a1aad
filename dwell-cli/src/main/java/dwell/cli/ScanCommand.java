package dwell.cli;

import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.scan.RuleSources;
import dwell.scan.ScanInputException;
import dwell.scan.ScanOutcome;
import dwell.scan.ScanPipeline;
import dwell.scan.ScanRequest;
import dwell.scan.ScanWriter;
import dwell.scan.SummaryJson;
import dwell.text.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    @Mixin
    ConsoleOptions console;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ScanRequest request = request();
        Level fail = failOn == null ? null : level("--fail-on", failOn);
        Instant started = Instant.now();
        ScanOutcome outcome;
        List<Path> caseFiles;
        try (ConsoleOptions.Live live = console.progress("scan", false)) {
            try {
                outcome = ScanPipeline.run(request, live.progress());
            } catch (ScanInputException e) {
                throw new InputError("--" + e.subject() + ": " + e.getMessage());
            }
            live.progress().stage("writing the output");
            try {
                ScanWriter.write(out, outcome);
            } catch (java.nio.file.FileSystemException e) {
                throw new InputError("cannot write the output folder " + out + ": " + e.getMessage());
            }
            live.progress().stage("writing the case and report");
            caseFiles = caseStage.write(out, spec.commandLine().getParseResult().originalArgs(),
                    request.rules().files(), request.rules().builtin(), started);
            live.finished();
        }
        if (format == OutputFormat.json) System.out.println(Json.pretty(SummaryJson.of(outcome)));
        else new ScanConsole(out, console.colours()).print(outcome, caseFiles, System.out);
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
}
