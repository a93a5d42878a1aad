package dwell.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The format an item or event was read as, by the id dwell's output uses ({@code iis-w3c}, {@code evtx}, ...):
 * one instance per id, so that formats compare by identity. Each also has a small number, for compact stores.
 */
public final class FormatId implements java.io.Serializable {
    private static final Map<String, FormatId> BY_ID = new HashMap<>();
    /** Indexed by number; replaced, never changed, so that readers need no lock. */
    private static volatile FormatId[] byNumber = new FormatId[0];

    /** An item that no format claims. */
    public static final FormatId UNKNOWN = of("unknown");

    private final String id;
    private final int number;

    private FormatId(String id, int number) {
        this.id = id;
        this.number = number;
    }

    /** The one instance for an id. */
    public static synchronized FormatId of(String id) {
        FormatId f = BY_ID.get(id);
        if (f == null) {
            FormatId[] all = byNumber;
            f = new FormatId(id, all.length);
            BY_ID.put(id, f);
            FormatId[] grown = Arrays.copyOf(all, all.length + 1);
            grown[f.number] = f;
            byNumber = grown;
        }
        return f;
    }

    /** The format with this {@link #number()}. */
    public static FormatId byNumber(int number) {
        return byNumber[number];
    }

    public String id() {
        return id;
    }

    /** Formats compare by identity: one read from another process becomes this process's instance of its id. */
    private Object readResolve() {
        return of(id);
    }

    /** A small number, unique in this run (not from one run to the next: never write it out). */
    public int number() {
        return number;
    }

    @Override
    public String toString() {
        return id;
    }
}
