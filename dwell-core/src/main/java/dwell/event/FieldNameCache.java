package dwell.event;

import java.util.function.Function;

/**
 * A lookup's answers per field name, in a fixed table of slots read without a lock: per event and field the hot paths
 * (IOC placement, field roles) ask about the same few names, where a general map's probing and a concurrent map's
 * volatile reads cost more than the work they guard. A name keeps the slot its hash picks when it found it empty; a
 * name whose slot is taken by another is answered by the lookup each time. Thread-safe (slots are immutable records,
 * written at most once, so a thread sees a slot whole or not at all).
 */
public final class FieldNameCache<V> {
    private static final int SLOTS = 1 << 10;

    private final Function<String, V> lookup;
    @SuppressWarnings("unchecked")
    private final Slot<V>[] slots = new Slot[SLOTS];

    /** Caches {@code lookup}, which must answer the same for the same name at any time. */
    public FieldNameCache(Function<String, V> lookup) {
        this.lookup = lookup;
    }

    public V get(String name) {
        int h = name.hashCode();
        int i = (h ^ h >>> 16) & SLOTS - 1;
        Slot<V> s = slots[i];
        if (s != null && s.name.equals(name)) return s.value;
        V v = lookup.apply(name);
        if (s == null) slots[i] = new Slot<>(name, v);
        return v;
    }

    private record Slot<V>(String name, V value) {
    }
}
