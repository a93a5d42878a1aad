package dwell.sigma;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One small number per field name, the same for every rule and engine of the JVM, so that an {@link EventView}
 * can remember each field's value for the current event in an array: hundreds of rules asking for CommandLine
 * cost one lookup in the event, not hundreds. Numbers are handed out once per name and never reused.
 */
final class FieldSlots {
    private static final ConcurrentHashMap<String, Integer> SLOTS = new ConcurrentHashMap<>();

    private FieldSlots() {
    }

    /** The slot of a field name, assigned at its first use. */
    static int of(String name) {
        Integer s = SLOTS.get(name);
        if (s != null) return s;
        synchronized (SLOTS) {
            return SLOTS.computeIfAbsent(name, n -> SLOTS.size());
        }
    }

    /** The slots of the names, in their order. */
    static int[] of(String[] names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) out[i] = of(names[i]);
        return out;
    }
}
