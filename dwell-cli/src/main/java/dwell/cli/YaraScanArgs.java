package dwell.cli;

import java.nio.file.InvalidPathException;
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
        List<Path> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        scan.defines = new LinkedHashMap<>();
        scan.format = OutputFormat.table;
        try {
            for (int i = 2; i < args.length; i++) {
                String a = args[i];
                if (a.isEmpty() || a.startsWith("@")) return null;
                if (!a.startsWith("-")) {
                    paths.add(Path.of(a));
                    continue;
                }
                if (a.equals("--no-rule-cache")) {
                    if (!seen.add(a)) return null;
                    scan.noRuleCache = true;
                    continue;
                }
                String name = a;
                String value;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 2) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else {
                    if (++i >= args.length) return null;
                    value = args[i];
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
                switch (name) {
                    case "-r", "--rules" -> {
                        if (value.indexOf('"') >= 0) return null;
                        for (String r : value.split(",", -1)) {
                            if (r.isEmpty()) return null;
                            rules.add(Path.of(r));
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
                        if (!seen.add("--threads") || !digits(value, 9)) return null;
                        scan.threads = Integer.parseInt(value);
                    }
                    case "--max-in-memory" -> {
                        if (!seen.add(name) || !digits(value, 18)) return null;
                        scan.maxInMemory = Long.parseLong(value);
                    }
                    default -> {
                        return null;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return null;
        }
        if (rules.isEmpty() || paths.isEmpty()) return null;
        scan.rules = rules;
        scan.paths = paths;
        return scan;
    }

    /** Whether {@code s} is 1 to {@code max} decimal digits: a number every integer converter reads alike. */
    static boolean digits(String s, int max) {
        // a leading zero could be read as octal by a converter that decodes radix prefixes
        if (s.length() > max || (s.length() > 1 && s.charAt(0) == '0')) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
