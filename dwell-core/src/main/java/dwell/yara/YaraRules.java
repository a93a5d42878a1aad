package dwell.yara;

import dwell.rulecache.RuleCache;
import java.util.List;
import java.util.Map;

/** A compiled, immutable rule set; share it between threads and scan with {@link YaraScanner}. */
public final class YaraRules {
    final List<CompiledRule> rules;
    final List<StringInfo> strings;
    final int patterns;
    /** For each pattern, the rules with a string using it. */
    final int[][] patternRules;
    final List<Variant> variants;
    final AhoCorasick automaton;
    final int[] unanchored;
    final Map<String, Object> externals;
    final Map<Ast.Binary, Program> regexes;
    private final List<String> warnings;

    YaraRules(List<CompiledRule> rules, List<StringInfo> strings, int patterns, List<Variant> variants, AhoCorasick automaton,
              int[] unanchored, Map<String, Object> externals, Map<Ast.Binary, Program> regexes, List<String> warnings) {
        this.rules = rules;
        this.strings = strings;
        this.patterns = patterns;
        // strings come rule by rule, so each pattern's rules arrive in ascending order: drop repeats as they come
        int[] count = new int[patterns];
        int[] lastRule = new int[patterns];
        java.util.Arrays.fill(lastRule, -1);
        for (StringInfo s : strings) {
            if (lastRule[s.pattern()] != s.rule()) {
                lastRule[s.pattern()] = s.rule();
                count[s.pattern()]++;
            }
        }
        patternRules = new int[patterns][];
        for (int p = 0; p < patterns; p++) patternRules[p] = new int[count[p]];
        java.util.Arrays.fill(lastRule, -1);
        java.util.Arrays.fill(count, 0);
        for (StringInfo s : strings) {
            int p = s.pattern();
            if (lastRule[p] != s.rule()) {
                lastRule[p] = s.rule();
                patternRules[p][count[p]++] = s.rule();
            }
        }
        this.variants = variants;
        this.automaton = automaton;
        this.unanchored = unanchored;
        this.externals = externals;
        this.regexes = regexes;
        this.warnings = List.copyOf(warnings);
    }

    /** Compile-time warnings, {@code file:line:col: rule "R": string $s may slow down scanning: why}. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Compiles rule files with external variables given as {@code -d name=value} text, through the run's installed
     * {@link RuleCache} (a repeated run decodes the compiled rules instead of compiling them).
     */
    public static YaraRules compile(List<java.nio.file.Path> files, Map<String, String> defines)
            throws YaraCompileException {
        return compile(files, defines, RuleCache.installed());
    }

    /** Compiles rule files as {@link #compile(List, Map)} does, through {@code cache}. */
    public static YaraRules compile(List<java.nio.file.Path> files, Map<String, String> defines, RuleCache cache)
            throws YaraCompileException {
        return YaraRuleCache.compile(files, defines, cache);
    }

    /** A rule set and the files its includes read (what a cache entry depends on beyond the rule files named). */
    record Compiled(YaraRules rules, List<Ast.Include> includes) {
    }

    /** Compiles rule files, without any cache. */
    static Compiled compileFiles(List<java.nio.file.Path> files, Map<String, String> defines) throws YaraCompileException {
        PhaseTimer timer = new PhaseTimer();
        YaraCompiler c = new YaraCompiler();
        defines.forEach(c::defineText);
        c.addFiles(files);
        timer.mark("parse+check");
        if (!c.errors().isEmpty()) throw new YaraCompileException(c.errors());
        try {
            YaraRules rules = c.build();
            timer.mark("build");
            return new Compiled(rules, c.includes());
        } catch (YaraSyntaxError e) {
            throw new YaraCompileException(c.errors().isEmpty() ? List.of(e) : c.errors());
        }
    }

    public int ruleCount() {
        return rules.size();
    }

    public int stringCount() {
        return strings.size();
    }

    /** Number of states of the atom automaton (a size figure for diagnostics). */
    public int automatonStates() {
        return automaton.states();
    }

    /** Names of the rules whose conditions read a module dwell does not implement, with those modules. */
    public Map<String, List<String>> rulesWithUndefinedModules() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (CompiledRule r : rules) {
            if (!r.undefinedModules().isEmpty()) out.put(r.name(), r.undefinedModules());
        }
        return out;
    }
}
