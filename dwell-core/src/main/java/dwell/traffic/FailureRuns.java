package dwell.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failed authentications grouped by key into runs: failures at most {@code gap} seconds apart belong to one run.
 * Events come in any order (files are read in parallel); the runs are the same whatever the order, because a
 * failure joins the run it falls into and bridges the runs it connects. Thread-safe.
 */
public final class FailureRuns {
    private final long gap;
    private final Map<String, TreeMap<Long, FailureRun>> byKey = new HashMap<>();

    public FailureRuns(long gapSeconds) {
        this.gap = gapSeconds;
    }

    public synchronized void add(String key, WebRequest r) {
        TreeMap<Long, FailureRun> runs = byKey.computeIfAbsent(key, k -> new TreeMap<>());
        long t = r.time().getEpochSecond();
        Map.Entry<Long, FailureRun> lower = runs.floorEntry(t);
        FailureRun run;
        if (lower != null && t <= lower.getValue().end() + gap) {
            run = lower.getValue();
        } else {
            run = new FailureRun(t);
            runs.put(t, run);
        }
        run.add(r);
        Map.Entry<Long, FailureRun> higher = runs.higherEntry(run.start());
        if (higher != null && higher.getKey() <= run.end() + gap) {
            runs.remove(higher.getKey());
            run.absorb(higher.getValue());
        }
    }

    /**
     * Takes in runs gathered apart (another share's), each joining the runs it falls into or bridges: as a run covers
     * its span with failures at most the gap apart, the runs are those of all the failures added here.
     */
    public synchronized void absorb(Map<String, List<FailureRun>> others) {
        others.forEach((key, list) -> {
            TreeMap<Long, FailureRun> runs = byKey.computeIfAbsent(key, k -> new TreeMap<>());
            for (FailureRun other : list) {
                FailureRun run = new FailureRun(other.start());
                run.absorb(other);
                Map.Entry<Long, FailureRun> lower = runs.floorEntry(run.start());
                if (lower != null && run.start() <= lower.getValue().end() + gap) {
                    runs.remove(lower.getKey());
                    run.absorb(lower.getValue());
                }
                for (Map.Entry<Long, FailureRun> h = runs.higherEntry(run.start()); h != null && h.getKey() <= run.end() + gap;
                        h = runs.higherEntry(run.start())) {
                    runs.remove(h.getKey());
                    run.absorb(h.getValue());
                }
                runs.put(run.start(), run);
            }
        });
    }

    /** Every key's runs in time order, keys in sorted order. */
    public synchronized Map<String, List<FailureRun>> runs() {
        Map<String, List<FailureRun>> out = new TreeMap<>();
        byKey.forEach((k, v) -> out.put(k, new ArrayList<>(v.values())));
        return out;
    }
}
