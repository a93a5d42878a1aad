package dwell.pivot;

import dwell.event.Event;
import dwell.hunt.EventRecall;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The fields of the events the first pass indexed ({@link EventIndex#keeping}: those the pivot and the impact may name),
 * kept while they fit a budget, so that the events found are taken from memory instead of read again from their items
 * ({@link EventRecall}). Past the budget none are kept (all or nothing: a lookup then reads back every position, as
 * without it). Thread-safe.
 */
public final class KeptEvents {
    /**
     * What a scan keeps at most (estimated bytes): 4,422 of the 8,954 events of the 277 EVTX samples count 15 MB. Larger
     * evidence (63 MB of IIS logs, 388,000 lines) meets it and keeps nothing, after holding this much through part of
     * the hunt, which the collector copies: so no more than the samples need, with room.
     */
    public static final long BUDGET = 24L << 20;

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final Map<String, String[]> events = new ConcurrentHashMap<>();
    private volatile boolean full;

    public KeptEvents(long budget) {
        this.budget = budget;
    }

    /** Keeps an event's fields, unless the budget was met. */
    public void keep(Event event) {
        if (full) return;
        try {
            Map<String, String> fields = event.fields();
            // names and values side by side, in the order a copy of the event's fields iterates
            String[] pairs = new String[fields.size() * 2];
            long size = 96 + 8L * pairs.length;
            int i = 0;
            for (Map.Entry<String, String> f : fields.entrySet()) {
                pairs[i++] = f.getKey();
                pairs[i++] = f.getValue();
                if (f.getValue() != null) size += 48 + 2L * f.getValue().length();
            }
            if (used.addAndGet(size) > budget) {
                drop();
                return;
            }
            events.putIfAbsent(EventRecall.key(event.provenance()), pairs);
        } catch (OutOfMemoryError e) {
            drop();
        }
    }

    private void drop() {
        full = true;
        events.clear();
    }

    /**
     * The fields of the events at {@code keys} ({@link EventRecall#fields}'s keys and answer): those kept from memory,
     * the others (all, past the budget) from {@code recall}.
     */
    public Map<String, Map<String, String>> fields(Set<String> keys, Function<Set<String>, Map<String, Map<String, String>>> recall) {
        Map<String, Map<String, String>> out = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (String k : keys) {
            String[] pairs = full ? null : events.get(k);
            if (pairs == null) {
                missing.add(k);
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
            out.put(k, m);
        }
        if (!missing.isEmpty()) out.putAll(recall.apply(missing));
        return out;
    }

    /** Frees what was kept; lookups read everything back after. */
    public void release() {
        drop();
    }
}
