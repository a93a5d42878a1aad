package dwell.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * What a scan hunts with: Sigma rule files or folders (with extra logsource mappings and placeholder values),
 * IOC feeds (with an optional field placement table), YARA rule files (and the seconds a file's YARA scan may take, 0
 * for no limit), whether dwell's built-in packs run, and
 * whether any rejected Sigma rule refuses the scan ({@code strict}; see {@link dwell.sigma.RuleAcceptance}).
 */
public record RuleSources(List<Path> sigma, List<Path> mappings, List<Path> placeholders, List<Path> iocs,
                          Path iocFields, List<Path> yara, long yaraTimeout, boolean builtin, boolean strict) {
    public RuleSources {
        sigma = List.copyOf(sigma);
        mappings = List.copyOf(mappings);
        placeholders = List.copyOf(placeholders);
        iocs = List.copyOf(iocs);
        yara = List.copyOf(yara);
        if (yaraTimeout < 0) throw new IllegalArgumentException("a YARA time limit cannot be negative");
    }

    /** Only the built-in packs. */
    public static RuleSources builtinOnly() {
        return new RuleSources(List.of(), List.of(), List.of(), List.of(), null, List.of(), 0, true, false);
    }

    /** Whether any detection rule or feed is named or built in: a scan without one could find nothing. */
    public boolean any() {
        return builtin || !sigma.isEmpty() || !iocs.isEmpty() || !yara.isEmpty();
    }

    /** Every rule and feed file named (folders as given), for the rule-set digest of a run. */
    public List<Path> files() {
        List<Path> all = new java.util.ArrayList<>(sigma);
        all.addAll(iocs);
        all.addAll(yara);
        return all;
    }
}
