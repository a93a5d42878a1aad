package dwell.cli;

import dwell.evidence.OutputFolder;
import dwell.evidence.Progress;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.rulecache.RuleCache;
import dwell.scan.RuleSources;
import dwell.scan.ScanInputException;
import dwell.scan.OutcomeTables;
import dwell.scan.ScanOutcome;
import dwell.scan.ScanPipeline;
import dwell.scan.ScanRequest;
import dwell.scan.ScanWriter;
import dwell.scan.ShareEngine;
import dwell.scan.ShareRunner;
import dwell.scan.SummaryJson;
import dwell.text.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
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
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Evidence files, directories or archives; with --spark "
            + "also Hadoop file system URIs (hdfs://, s3a://, file://).")
    List<String> paths;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH", description = "Sigma rule file or folder; repeatable. A file "
            + "named must load whole; a rule rejected in a folder is reported and the rest used (see --strict).")
    List<Path> rules = new ArrayList<>();

    @Option(names = {"-i", "--iocs"}, paramLabel = "PATH", description = "IOC feed file or directory (plain list, CSV, LOKI/THOR "
            + "hash/filename/c2/keyword files, STIX 2.1 bundle, MISP JSON event); repeatable.")
    List<Path> iocs = new ArrayList<>();

    @Option(names = {"-y", "--yara"}, paramLabel = "PATH", description = "YARA rule file or directory (*.yar, *.yara), run over "
            + "every evidence file and archive member; repeatable.")
    List<Path> yara = new ArrayList<>();

    @Option(names = "--yara-timeout", paramLabel = "SECONDS", description = "Gives up a file's YARA scan after this many "
            + "seconds and lists the file under yara.not_scanned in summary.json, as yara's --timeout (default: no limit).")
    long yaraTimeout;
    @Option(names = "--ioc-fields", paramLabel = "FILE", description = "Field placement table for --iocs (which fields "
            + "each indicator type is looked for in), in the format of dwell's built-in dwell/ioc/placement.yaml.")
    Path iocFields;

    @Option(names = "--no-builtin", description = "Do not run dwell's built-in detection packs.")
    boolean noBuiltin;

    @Option(names = "--strict", description = "Refuse to scan when any Sigma rule is rejected, in a folder too.")
    boolean strict;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out", description = "Output folder, marked as "
            + "dwell's (" + OutputFolder.MARKER + ") so that no scan reads it as evidence (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-s", "--since"}, paramLabel = "TIME", description = "Only events at or after T (ISO-8601 date or time, UTC).")
    String since;

    @Option(names = {"-u", "--until"}, paramLabel = "TIME", description = "Only events at or before TIME (a date means its end).")
    String until;

    @Option(names = {"-l", "--min-level"}, paramLabel = "LEVEL", description = "Only findings at or above LEVEL (informational, low, medium, high, critical).")
    String minLevel = "informational";

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit with status 3 when a finding at or above LEVEL exists.")
    String failOn;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "The summary on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Runs the scan as a Spark application on MASTER "
            + "(local[N], spark://HOST:PORT): the IOC feeds and YARA rules hunt shares of the evidence, balanced by size, "
            + "on its executors, which must read the evidence at the same paths or as hdfs:// or s3a:// URIs; the outputs "
            + "are the same as without it.")
    String spark;

    @Option(names = "--parquet", paramLabel = "DIR", description = "With --spark: also writes the findings and their "
            + "indicators as Parquet tables DIR/findings and DIR/indicators through Spark's writer (DIR a folder or a "
            + "Hadoop URI, hdfs:// or s3a://; the two tables are replaced).")
    String parquet;

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

    /** The whole command line, when {@link ScanArgs} read it without picocli (and {@link #spec} is not set). */
    List<String> words;

    @Override
    public Integer call() throws IOException {
        ScanRequest request = request();
        Level fail = failOn == null ? null : level("--fail-on", failOn);
        prepareOut(request.evidence());
        Instant started = Instant.now();
        ScanOutcome outcome;
        List<Path> caseFiles;
        Thread warmUp = caseStage.warmUp(out, request.rules().files(), request.rules().builtin());
        try (ConsoleOptions.Live live = console.progress("scan", false)) {
            Progress progress = StageTiming.around(live.progress());
            try {
                outcome = spark == null ? ScanPipeline.run(request, progress) : onSpark(request, progress);
            } catch (ScanInputException e) {
                throw new InputError("--" + e.subject() + ": " + e.getMessage());
            }
            progress.stage("writing the output");
            try {
                ScanWriter.write(out, outcome);
            } catch (java.nio.file.FileSystemException e) {
                throw new InputError("cannot write the output folder " + out + ": " + Failure.reason(e));
            }
            progress.stage("writing the case and report");
            caseFiles = caseStage.write(out, words(),
                    request.rules().files(), request.rules().builtin(), started);
            if (progress instanceof StageTiming t) t.end();
            live.finished();
        } finally {
            caseStage.finish(warmUp);
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

    /** The whole command line's words, the command's name among them. */
    List<String> words() {
        return words != null ? words : spec.commandLine().getParseResult().originalArgs();
    }

    /** The scan with its shares hunted on Spark, which only a class path with Spark's jars can do. */
    private ScanOutcome onSpark(ScanRequest request, Progress progress) throws IOException {
        ShareEngine engine = ServiceLoader.load(ShareEngine.class).findFirst().orElseThrow(() -> new InputError(
                "--spark: Spark is not on the class path (run dwell from its repository with ./dwell, or with spark-submit)"));
        ShareRunner runner;
        try {
            runner = engine.open(spark, request);
        } catch (Exception e) {
            // Spark's own SparkException (a bad master URL) is a checked exception Scala throws undeclared
            throw new InputError("--spark " + spark + ": " + Failure.message(e));
        }
        try (runner) {
            ScanOutcome outcome = ScanPipeline.run(request, progress, runner);
            if (parquet != null) {
                progress.stage("writing the Parquet tables");
                if (!(runner instanceof OutcomeTables tables)) throw new InputError("--parquet: the Spark engine cannot write tables");
                try {
                    tables.writeTables(outcome, parquet);
                } catch (Exception e) {
                    throw new InputError("--parquet " + parquet + ": " + Failure.message(e));
                }
            }
            return outcome;
        }
    }

    /** The options as the pipeline's request; a missing path or bad value is the user's error. */
    ScanRequest request() {
        if (spark == null && parquet != null) throw new InputError("--parquet is written by Spark's writer: give --spark MASTER too");
        List<Path> evidence = Paths.evidence(paths, spark != null);
        Level min = level("--min-level", minLevel);
        if (yaraTimeout < 0) throw new InputError("--yara-timeout cannot be negative");
        sigma.check(rules);
        // the pipeline's rule loaders take the run's cache (a setting of the command line, not of the scan)
        RuleCache.install(sigma.cache());
        RuleSources sources = new RuleSources(rules, sigma.mappings, sigma.placeholders,
                iocs.isEmpty() ? iocs : Paths.existing(iocs), iocFields, yara.isEmpty() ? yara : Paths.existing(yara), yaraTimeout, !noBuiltin, strict);
        Instant from = TimeOption.parse("--since", since, false);
        Instant to = TimeOption.parse("--until", until, true);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InputError("--since " + since + " is after --until " + until + ": no event could be in that window");
        }
        return new ScanRequest(evidence, sources, from, to, min, threads.count(), limits.limits(), pivot.settings());
    }

    /**
     * Makes and marks the output folder before the scan, so that one that cannot be written costs no scan time; one
     * that holds evidence named is refused, as its marker would hide that evidence.
     */
    private void prepareOut(List<Path> evidence) {
        Path folder = out.toAbsolutePath().normalize();
        for (Path e : evidence) {
            if (e.toAbsolutePath().normalize().startsWith(folder)) {
                throw new InputError("--out " + out + " holds the evidence " + e + ": name another output folder");
            }
        }
        try {
            OutputFolder.prepare(out);
        } catch (IOException e) {
            throw new InputError("--out: cannot write the output folder " + out + ": " + Failure.reason(e));
        }
    }

    private static Level level(String option, String s) {
        try {
            return Level.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": unknown level '" + s + "' (informational, low, medium, high, critical)");
        }
    }
}
