package dwell.cli;

import dwell.sigma.LogsourceMapping;
import dwell.sigma.Placeholders;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that say how Sigma rules are read: logsource mapping additions and placeholder values. */
public final class SigmaOptions {
    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Extra logsource mapping and field aliases (YAML, the layout of dwell/sigma/mapping.yaml); repeatable.")
    List<Path> mappings = new ArrayList<>();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "Values of %%placeholders%% for the Sigma 'expand' modifier (YAML map name -> list); repeatable.")
    List<Path> placeholders = new ArrayList<>();

    @Option(names = "--no-rule-cache",
            description = "Parse the Sigma rule files anew, without reading or writing the rule cache ($DWELL_CACHE_DIR, else $XDG_CACHE_HOME/dwell, else ~/.cache/dwell).")
    boolean noRuleCache;

    /** The rule cache of this run: the user's cache folder, or none with --no-rule-cache. */
    RuleCache cache() {
        return RuleCacheOption.cache(noRuleCache);
    }

    LogsourceMapping mapping() {
        for (Path p : mappings) if (!Files.isRegularFile(p)) throw new InputError("no such mapping file: " + p);
        try {
            return LogsourceMapping.load(mappings, cache());
        } catch (IOException | RuntimeException e) {
            throw new InputError(e.getMessage());
        }
    }

    /** Fails on a rule path, mapping or placeholders file that does not exist (the pipeline reads them). */
    void check(List<Path> rules) {
        for (Path p : rules) if (!Files.exists(p)) throw new InputError("no such rule file or directory: " + p);
        for (Path p : placeholders) if (!Files.isRegularFile(p)) throw new InputError("no such placeholders file: " + p);
        for (Path p : mappings) if (!Files.isRegularFile(p)) throw new InputError("no such mapping file: " + p);
    }

    RuleSet load(List<Path> rules) {
        for (Path p : rules) if (!Files.exists(p)) throw new InputError("no such rule file or directory: " + p);
        for (Path p : placeholders) if (!Files.isRegularFile(p)) throw new InputError("no such placeholders file: " + p);
        try {
            return new RuleLoader(Placeholders.load(placeholders, cache()), cache()).load(rules);
        } catch (IOException e) {
            throw new InputError(e.getMessage());
        }
    }
}
