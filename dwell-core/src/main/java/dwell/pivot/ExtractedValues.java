package dwell.pivot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One indexing thread's memory of the value ids each field's raw texts gave, so that a text seen before is not
 * extracted again: logs repeat their addresses, accounts, agents and paths, but rarely on consecutive lines, so
 * remembering only each field's last text missed most of them. Bounded by the characters of the texts it holds: past
 * {@code maxChars} it forgets them all and starts again. Not thread-safe.
 */
final class ExtractedValues {
    /** What a thread remembers at most: 2 M characters of texts (2 to 4 MB), beside the maps' entries. */
    static final long MAX_CHARS = 2L << 20;

    private final long maxChars;
    @SuppressWarnings("unchecked")
    private Map<String, int[]>[] byField = new Map[16];
    private long chars;

    ExtractedValues(long maxChars) {
        this.maxChars = maxChars;
    }

    /** The ids the text gave in the field (by its name id), or null when it is not remembered. */
    int[] get(int nameId, String raw) {
        Map<String, int[]> m = nameId < byField.length ? byField[nameId] : null;
        return m == null ? null : m.get(raw);
    }

    /** Remembers the ids the text gave in the field. */
    void put(int nameId, String raw, int[] ids) {
        chars += raw.length();
        if (chars > maxChars) {
            Arrays.fill(byField, null);
            chars = raw.length();
        }
        if (nameId >= byField.length) byField = Arrays.copyOf(byField, nameId * 2 + 1);
        Map<String, int[]> m = byField[nameId];
        if (m == null) byField[nameId] = m = new HashMap<>();
        m.put(raw, ids);
    }

    /** The characters of the texts held. */
    long chars() {
        return chars;
    }
}
