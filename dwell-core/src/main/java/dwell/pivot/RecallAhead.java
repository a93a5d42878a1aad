package dwell.pivot;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the pivot's hit events back from the evidence while the next rounds run, one round's keys after another on a
 * thread of its own, so that the read no longer waits for the last round: where the index lies elsewhere (on Spark's
 * executors) the driver is mostly waiting for the rounds' jobs meanwhile. A round's hits in an item read ahead already
 * wait for the read after the rounds, so no item is read more than twice. What it answers is what {@code read} answers.
 */
public final class RecallAhead implements Pivot.EventLookup {
    private static final Executor BACKGROUND = task -> {
        Thread t = new Thread(task, "dwell-recall-ahead");
        t.setDaemon(true);
        t.start();
    };

    private final Pivot.EventLookup read;
    /** The keys read ahead or being read (an event absent from the answer when it could not be read). */
    private final Set<String> asked = new HashSet<>();
    /** The items of those keys ({@link Pivot#key}'s first part). */
    private final Set<String> items = new HashSet<>();
    private CompletableFuture<Map<String, Map<String, String>>> found = CompletableFuture.completedFuture(Map.of());

    public RecallAhead(Pivot.EventLookup read) {
        this.read = read;
    }

    @Override
    public synchronized void ahead(Set<String> keys) {
        Set<String> wanted = new HashSet<>();
        for (String k : keys) if (!items.contains(item(k))) wanted.add(k);
        if (wanted.isEmpty()) return;
        asked.addAll(wanted);
        for (String k : wanted) items.add(item(k));
        found = found.thenApplyAsync(before -> {
            Map<String, Map<String, String>> all = new HashMap<>(before);
            all.putAll(read.fields(wanted));
            return all;
        }, BACKGROUND);
    }

    @Override
    public synchronized Map<String, Map<String, String>> fields(Set<String> keys) {
        if (Collections.disjoint(keys, asked)) return read.fields(keys);
        Map<String, Map<String, String>> before;
        try {
            before = found.join();
        } catch (CompletionException e) {
            // a read ahead that failed is as if never told: its keys are read now, where its failure shows
            asked.clear();
            items.clear();
            found = CompletableFuture.completedFuture(Map.of());
            return read.fields(keys);
        }
        Map<String, Map<String, String>> out = new HashMap<>();
        Set<String> rest = new HashSet<>();
        for (String k : keys) {
            if (!asked.contains(k)) rest.add(k);
            else if (before.containsKey(k)) out.put(k, before.get(k));
        }
        if (!rest.isEmpty()) out.putAll(read.fields(rest));
        return out;
    }

    private static String item(String key) {
        int end = key.indexOf('\0');
        return end < 0 ? key : key.substring(0, end);
    }
}
