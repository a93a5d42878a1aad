package dwell.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads the arguments of a plain {@code dwell yara scan} run without picocli. Picocli's jar is class-file version 49,
 * which class-data sharing cannot archive, and building its command model by reflection took about a fifth of a
 * short scan's wall time (JVM start to the scan's first line: 0.37 s, of which picocli 0.2 s). Only the exact forms
 * picocli would accept in the same way are taken here; anything else (help, version, unknown or clustered options,
 * {@code @}argument files, {@code --}, a repeated single-value option, a value picocli would convert differently or
 * reject, missing required arguments) returns null, and picocli parses the line and reports any error itself.
 */
final class YaraScanArgs {
    private YaraScanArgs() {
    }

    /** The scan command for {@code args} (starting with "yara", "scan"), or null when picocli must parse them. */
    static YaraCommand.Scan parse(String[] args) {
        if (args.length < 4 || !args[0].equals("yara") || !args[1].equals("scan")) return null;
        YaraCommand.Scan scan = new YaraCommand.Scan();
        List<Path> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        scan.defines = new LinkedHashMap<>();
        scan.format = OutputFormat.table;
        PlainArgs line = PlainArgs.read(args, 2, Set.of("--no-rule-cache"));
        if (line == null) return null;
        for (PlainArgs.Option o : line.options()) {
            String name = o.name();
            String value = o.value();
            switch (name) {
                case "--no-rule-cache" -> {
                    if (!seen.add(name)) return null;
                    scan.noRuleCache = true;
                }
                case "-r", "--rules" -> {
                    if (value.indexOf('"') >= 0) return null;
                    for (String r : value.split(",", -1)) {
                        Path rule = PlainArgs.path(r);
                        if (r.isEmpty() || rule == null) return null;
                        rules.add(rule);
                    }
                }
                case "-d", "--define" -> {
                    int k = value.indexOf('=');
                    if (k <= 0) return null;
                    scan.defines.put(value.substring(0, k), value.substring(k + 1));
                }
                case "-f", "--format" -> {
                    if (!seen.add("--format")) return null;
                    if (value.equals("table")) scan.format = OutputFormat.table;
                    else if (value.equals("json")) scan.format = OutputFormat.json;
                    else return null;
                }
                case "-t", "--threads" -> {
                    if (!seen.add("--threads") || !PlainArgs.digits(value, 9)) return null;
                    scan.threads = Integer.parseInt(value);
                }
                case "--max-in-memory" -> {
                    if (!seen.add(name) || !PlainArgs.digits(value, 18)) return null;
                    scan.maxInMemory = Long.parseLong(value);
                }
                default -> {
                    return null;
                }
            }
        }
        if (rules.isEmpty() || line.paths().isEmpty()) return null;
        scan.rules = rules;
        scan.paths = line.paths();
        return scan;
    }
}
