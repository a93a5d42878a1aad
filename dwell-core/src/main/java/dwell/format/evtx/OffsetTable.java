package dwell.format.evtx;

/**
 * What a chunk has decoded at its offsets (names, templates), by offset: an open-addressing table of ints, so that
 * a record's every name lookup neither boxes its offset nor compares boxes, as a {@code HashMap<Integer, ?>} did.
 */
final class OffsetTable<V> {
    /** Offset plus one per slot (0: empty); a power of two, at most half full. */
    private int[] keys = new int[64];
    private Object[] values = new Object[64];
    private int size;

    /** The value at {@code offset}, or null. */
    @SuppressWarnings("unchecked")
    V get(int offset) {
        int[] ks = keys;
        int mask = ks.length - 1;
        for (int i = slot(offset, mask); ; i = (i + 1) & mask) {
            int k = ks[i];
            if (k == offset + 1) return (V) values[i];
            if (k == 0) return null;
        }
    }

    /** Sets the value at {@code offset} (offsets lie in a chunk: 0 to 65535), which must not be null. */
    void put(int offset, V value) {
        if (2 * (size + 1) > keys.length) grow();
        insert(offset, value);
    }

    boolean containsKey(int offset) {
        return get(offset) != null;
    }

    private void insert(int offset, Object value) {
        int mask = keys.length - 1;
        int i = slot(offset, mask);
        while (keys[i] != 0 && keys[i] != offset + 1) i = (i + 1) & mask;
        if (keys[i] == 0) {
            keys[i] = offset + 1;
            size++;
        }
        values[i] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) insert(oldKeys[i] - 1, oldValues[i]);
        }
    }

    private static int slot(int offset, int mask) {
        return (offset * 0x9E3779B9 >>> 16) & mask;
    }
}
