package dwell.sigma;

import dwell.event.FormatId;
import dwell.event.LogSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound branches grouped by the target they were bound to, built once per engine: a new event kind tests each of
 * the few hundred distinct targets once instead of each of the thousands of branches (rules share the mapping's
 * targets, so the test's outcome is the same for all of a target's branches).
 */
final class BranchIndex {
    private final LogsourceMapping.Target[] targets;
    /** Per target, its branches' positions in the engine's list, ascending. */
    private final int[][] branches;
    private final int count;

    /** Indexes {@code branches} by identity of their targets (equal targets made apart just fall in two groups). */
    BranchIndex(List<SigmaEngine.Branch> branches) {
        Map<LogsourceMapping.Target, List<Integer>> by = new IdentityHashMap<>();
        List<LogsourceMapping.Target> order = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            LogsourceMapping.Target t = branches.get(i).target();
            List<Integer> of = by.get(t);
            if (of == null) {
                of = new ArrayList<>();
                by.put(t, of);
                order.add(t);
            }
            of.add(i);
        }
        this.targets = order.toArray(LogsourceMapping.Target[]::new);
        this.branches = new int[targets.length][];
        for (int t = 0; t < targets.length; t++) this.branches[t] = by.get(targets[t]).stream().mapToInt(x -> x).toArray();
        this.count = branches.size();
    }

    /**
     * The positions, ascending, of the branches whose target accepts events of this logsource and format with this
     * event id (null when the kind has none: only targets naming no event ids take it).
     */
    int[] candidates(LogSource ls, FormatId format, String eventId) {
        String id = eventId == null ? null : eventId.trim();
        int[] out = new int[Math.min(count, 64)];
        int n = 0;
        for (int t = 0; t < targets.length; t++) {
            LogsourceMapping.Target target = targets[t];
            if (!target.accepts(ls, format)) continue;
            if (!target.eventIds().isEmpty() && (id == null || !target.eventIds().contains(id))) continue;
            int[] of = branches[t];
            if (n + of.length > out.length) out = Arrays.copyOf(out, Math.max(n + of.length, out.length * 2));
            System.arraycopy(of, 0, out, n, of.length);
            n += of.length;
        }
        int[] sorted = Arrays.copyOf(out, n);
        // branch order is rule order, which the engine's matching and its output order rely on
        Arrays.sort(sorted);
        return sorted;
    }
}
