package dwell.yara;

import dwell.rulecache.RuleCache;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A compiled, immutable rule set; share it between threads and scan with {@link YaraScanner}. */
public final class YaraRules {
    private final List<String> warnings;
    private final Map<String, List<String>> undefinedModules;
    /** Makes the tables when a scan first needs them; null once they are made. */
    private Supplier<RuleTables> source;
    private volatile RuleTables tables;

    private YaraRules(List<String> warnings, Map<String, List<String>> undefinedModules, Supplier<RuleTables> source,
                      RuleTables tables) {
        this.warnings = List.copyOf(warnings);
        this.undefinedModules = undefinedModules;
        this.source = source;
        this.tables = tables;
    }

    /** A rule set whose tables are made. */
    static YaraRules of(RuleTables tables, List<String> warnings) {
        return new YaraRules(warnings, Collections.unmodifiableMap(tables.rulesWithUndefinedModules()), null, tables);
    }

    /**
     * A rule set whose tables {@code source} makes when a scan first needs them (a cache entry decoded only then: a
     * run with nothing to scan never decodes it); its warnings and unimplemented modules are known at once.
     */
    static YaraRules deferred(List<String> warnings, Map<String, List<String>> undefinedModules, Supplier<RuleTables> source) {
        return new YaraRules(warnings, Collections.unmodifiableMap(new LinkedHashMap<>(undefinedModules)), source, null);
    }

    /** Makes the tables scans run on now, rather than when the first scanner needs them (so another thread can). */
    public void prepare() {
        tables();
    }

    /** The tables scans run on, made at the first call. */
    RuleTables tables() {
        RuleTables t = tables;
        if (t != null) return t;
        synchronized (this) {
            if (tables == null) {
                tables = source.get();
                source = null;
            }
            return tables;
        }
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
        return tables().rules.size();
    }

    public int stringCount() {
        return tables().strings.size();
    }

    /** Number of states of the atom automaton (a size figure for diagnostics). */
    public int automatonStates() {
        return tables().automaton.states();
    }

    /** Names of the rules whose conditions read a module dwell does not implement, with those modules. */
    public Map<String, List<String>> rulesWithUndefinedModules() {
        return undefinedModules;
    }
}
