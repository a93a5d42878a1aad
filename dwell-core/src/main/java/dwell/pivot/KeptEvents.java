package dwell.pivot;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.hunt.EventRecall;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
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
    /** By the events' own provenance: a key string per event was 2.6 MB of the scan's allocation, and lived on. */
    private final Map<Provenance, String[]> events = new ConcurrentHashMap<>();
    private volatile boolean full;

    public KeptEvents(long budget) {
        this.budget = budget;
    }

    /** Keeps an event's fields, unless the budget was met. */
    public void keep(Event event) {
        if (full) return;
        try {
            Map<String, String> fields = event.fields();
            // names and values side by side, in the order a copy of the event's fields iterates: by forEach, which an
            // EVTX event's field table answers without the entry per field its entrySet makes (3 MB in that scan)
            Pairs pairs = new Pairs(fields.size());
            fields.forEach(pairs);
            if (used.addAndGet(pairs.size) > budget) {
                drop();
                return;
            }
            events.putIfAbsent(event.provenance(), pairs.pairs);
        } catch (OutOfMemoryError e) {
            drop();
        }
    }

    /** An event's names and values side by side, and the bytes they are estimated to hold. */
    private static final class Pairs implements BiConsumer<String, String> {
        final String[] pairs;
        long size;
        private int next;

        Pairs(int fields) {
            pairs = new String[fields * 2];
            size = 96 + 8L * pairs.length;
        }

        @Override
        public void accept(String name, String value) {
            pairs[next++] = name;
            pairs[next++] = value;
            if (value != null) size += 48 + 2L * value.length();
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
            String[] pairs = full ? null : events.get(EventRecall.position(k));
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
