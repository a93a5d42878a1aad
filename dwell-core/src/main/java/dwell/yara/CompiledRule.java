package dwell.yara;

import java.util.List;
import java.util.Map;

/**
 * A rule ready to evaluate: its syntax, its position in the rule set, its strings' global indexes by
 * identifier (anonymous strings only in {@code strings}), the unimplemented modules its condition reads,
 * and whether the condition can only hold when one of its strings matched (then it is skipped otherwise).
 */
record CompiledRule(Ast.Rule rule, int index, int[] strings, Map<String, Integer> byId,
                    List<String> undefinedModules, boolean needsMatch) {
    String name() {
        return rule.name();
    }
}
