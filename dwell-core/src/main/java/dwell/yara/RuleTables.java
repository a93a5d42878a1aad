package dwell.yara;

import java.util.List;
import java.util.Map;

/**
 * What a scan runs on: the compiled rules, their strings and variants, the atom automaton, the externals and the
 * regex programs of the conditions. Built by the compiler or decoded from a cache entry; immutable and shared.
 */
final class RuleTables {
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

    RuleTables(List<CompiledRule> rules, List<StringInfo> strings, int patterns, List<Variant> variants, AhoCorasick automaton,
              int[] unanchored, Map<String, Object> externals, Map<Ast.Binary, Program> regexes) {
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
    }

    /** Names of the rules whose conditions read a module dwell does not implement, with those modules. */
    Map<String, List<String>> rulesWithUndefinedModules() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (CompiledRule r : rules) {
            if (!r.undefinedModules().isEmpty()) out.put(r.name(), r.undefinedModules());
        }
        return out;
    }
}
