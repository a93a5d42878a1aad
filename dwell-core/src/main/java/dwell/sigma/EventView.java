package dwell.sigma;

import dwell.event.Event;
import java.util.Locale;

/**
 * An event as the rules of one scan thread see it: field lookups through aliases, and field values and
 * lower-cased values worked out once per event however many rules ask. Not thread-safe: one per thread, reset
 * per event.
 */
public final class EventView {
    /**
     * The values lower-cased for this event and their lower cases, found by identity: an event's tests lower-case
     * a few values (CommandLine, Image...; keyword tests every value), and an identity hash map would first give
     * each new value object its identity hash, a call into the VM per value. Past {@link #LOWERED} values the
     * oldest is forgotten (worked out again if asked for: a cost, never a wrong answer).
     */
    private final String[] lowered = new String[LOWERED];
    private final String[] lowerCases = new String[LOWERED];
    private int loweredCount;
    /** A power of two: more than the values of most events, so that keyword tests over every value stay within it. */
    private static final int LOWERED = 32;
    /** Per {@link FieldSlots} slot, the field's value for the event, valid when its stamp is the event's. */
    private String[] slotValues = new String[64];
    private int[] stamps = new int[64];
    private int stamp = 1;
    private final java.util.ArrayList<String> values = new java.util.ArrayList<>();
    private boolean valuesRead;
    private Event event;

    private boolean searchRaw;

    /** A view searching the raw record with keywords. */
    public EventView reset(Event e) {
        return reset(e, true);
    }

    /**
     * @param searchRaw false when the event's raw text only renders its fields (EVTX XML): keywords then search
     *                  the field values, unescaped, and skip the markup
     */
    public EventView reset(Event e, boolean searchRaw) {
        this.event = e;
        this.searchRaw = searchRaw;
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            stamp = 1;
        }
        if (loweredCount > 0) {
            int used = Math.min(loweredCount, LOWERED);
            java.util.Arrays.fill(lowered, 0, used, null);
            java.util.Arrays.fill(lowerCases, 0, used, null);
            loweredCount = 0;
        }
        values.clear();
        valuesRead = false;
        return this;
    }

    public Event event() {
        return event;
    }

    /** The first present value among the names (the rule's field and its aliases), or null. */
    public String get(String[] names) {
        for (String n : names) {
            String v = event.get(n);
            if (v != null) return v;
        }
        return null;
    }

    /** The first present value among the names, by their slots ({@link FieldSlots}), or null. */
    public String get(int[] slots, String[] names) {
        for (int i = 0; i < slots.length; i++) {
            String v = value(slots[i], names[i]);
            if (v != null) return v;
        }
        return null;
    }

    /** The value of the field of that name and slot, looked up in the event once per event. */
    public String value(int slot, String name) {
        if (slot >= stamps.length) grow(slot);
        if (stamps[slot] == stamp) return slotValues[slot];
        String v = event.get(name);
        slotValues[slot] = v;
        stamps[slot] = stamp;
        return v;
    }

    private void grow(int slot) {
        int n = Math.max(slot + 1, stamps.length * 2);
        slotValues = java.util.Arrays.copyOf(slotValues, n);
        stamps = java.util.Arrays.copyOf(stamps, n);
    }

    /** The raw text keywords search besides the field values, or null. */
    public String keywordRaw() {
        return searchRaw ? event.raw() : null;
    }

    /** Every field value of the event (for keyword search), read once per event. */
    public java.util.List<String> values() {
        if (!valuesRead) {
            event.forEachField((n, v) -> {
                if (v != null) values.add(v);
            });
            valuesRead = true;
        }
        return values;
    }

    /** The value lower-cased, computed once per distinct value object of the event (of its last few). */
    public String lower(String value) {
        // newest first: a field's tests ask for the same value one after another
        int n = Math.min(loweredCount, LOWERED);
        for (int k = 0, i = loweredCount - 1; k < n; k++, i--) {
            int at = i & (LOWERED - 1);
            if (lowered[at] == value) return lowerCases[at];
        }
        String l = value.toLowerCase(Locale.ROOT);
        int at = loweredCount++ & (LOWERED - 1);
        lowered[at] = value;
        lowerCases[at] = l;
        return l;
    }
}
