package dwell.yara;

import java.util.List;
import java.util.Map;

/**
 * A rule ready to evaluate: its syntax, its position in the rule set, its strings' global indexes by
 * identifier (anonymous strings only in {@code strings}), and the unimplemented modules its condition reads.
 */
record CompiledRule(Ast.Rule rule, int index, int[] strings, Map<String, Integer> byId,
                    List<String> undefinedModules) {
    String name() {
        return rule.name();
    }
}
