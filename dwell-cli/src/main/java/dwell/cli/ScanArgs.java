package dwell.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the arguments of a plain {@code dwell scan} run without picocli, as {@link YaraScanArgs} and
 * {@link EvtxDumpArgs} do for their commands: picocli's model of the scan command and its mixins, built by
 * reflection, cost 0.14 s of CPU and 0.2 s of wall time at every start. Only the everyday options are taken here, in
 * the exact forms picocli accepts in the same way; anything else (help, version, --debug, --spark, the finer pivot,
 * limit and Sigma options, clustered or unknown options, {@code @}argument files, {@code --}, an option other than
 * --rules, --iocs and --yara named twice, a value picocli would convert differently or reject, no path) returns null,
 * and picocli parses the line and reports any error itself.
 */
final class ScanArgs {
    private static final Set<String> FLAGS = Set.of("--no-builtin", "--strict", "--quiet", "--no-color", "--no-case",
            "--no-pivot", "--no-rule-cache");
    private static final Map<String, String> SHORT = Map.of("-r", "--rules", "-i", "--iocs", "-y", "--yara", "-o", "--out",
            "-s", "--since", "-u", "--until", "-l", "--min-level", "-t", "--threads", "-f", "--format");
    private static final Set<String> REPEATABLE = Set.of("--rules", "--iocs", "--yara");

    private ScanArgs() {
    }

    /** The scan command for {@code args} (starting with "scan"), or null when picocli must parse them. */
    static ScanCommand parse(String[] args) {
        if (args.length < 2 || !args[0].equals("scan")) return null;
        PlainArgs line = PlainArgs.read(args, 1, FLAGS);
        if (line == null || line.words().isEmpty()) return null;
        ScanCommand scan = defaults();
        Set<String> seen = new HashSet<>();
        for (PlainArgs.Option o : line.options()) {
            String name = SHORT.getOrDefault(o.name(), o.name());
            String value = o.value();
            if (!REPEATABLE.contains(name) && !seen.add(name)) return null;
            switch (name) {
                case "--rules" -> {
                    if (!add(scan.rules, value)) return null;
                }
                case "--iocs" -> {
                    if (!add(scan.iocs, value)) return null;
                }
                case "--yara" -> {
                    if (!add(scan.yara, value)) return null;
                }
                case "--out" -> {
                    scan.out = PlainArgs.path(value);
                    if (scan.out == null) return null;
                }
                case "--since" -> scan.since = value;
                case "--until" -> scan.until = value;
                case "--min-level" -> scan.minLevel = value;
                case "--fail-on" -> scan.failOn = value;
                case "--threads" -> {
                    if (!PlainArgs.digits(value, 9)) return null;
                    scan.threads.threads = Integer.parseInt(value);
                }
                case "--format" -> {
                    if (value.equals("table")) scan.format = OutputFormat.table;
                    else if (value.equals("json")) scan.format = OutputFormat.json;
                    else return null;
                }
                case "--no-builtin" -> scan.noBuiltin = true;
                case "--strict" -> scan.strict = true;
                case "--quiet" -> scan.console.quiet = true;
                case "--no-color" -> scan.console.noColor = true;
                case "--no-case" -> scan.caseStage.noCase = true;
                case "--no-pivot" -> scan.pivot.noPivot = true;
                case "--no-rule-cache" -> scan.sigma.noRuleCache = true;
                default -> {
                    return null;
                }
            }
        }
        scan.paths = new ArrayList<>(line.words());
        scan.words = List.of(args);
        return scan;
    }

    /** The command as picocli leaves it before reading any option: its mixins made, its default values set. */
    private static ScanCommand defaults() {
        ScanCommand scan = new ScanCommand();
        scan.sigma = new SigmaOptions();
        scan.limits = new LimitOptions();
        scan.pivot = new PivotOptions();
        scan.caseStage = new CaseStage();
        scan.console = new ConsoleOptions();
        scan.out = Path.of("out");
        scan.format = OutputFormat.table;
        return scan;
    }

    private static boolean add(List<Path> list, String value) {
        Path p = PlainArgs.path(value);
        return p != null && list.add(p);
    }
}
