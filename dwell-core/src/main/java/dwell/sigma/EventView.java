package dwell.sigma;

import dwell.event.Event;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An event as the rules of one scan thread see it: field lookups through aliases, and lower-cased values
 * computed once per event however many rules ask. Not thread-safe: one per thread, reset per event.
 */
public final class EventView {
    private final Map<String, String> lower = new IdentityHashMap<>();
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
        lower.clear();
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

    /** The value lower-cased, computed once per distinct value object. */
    public String lower(String value) {
        String l = lower.get(value);
        if (l == null) {
            l = value.toLowerCase(Locale.ROOT);
            lower.put(value, l);
        }
        return l;
    }
}
