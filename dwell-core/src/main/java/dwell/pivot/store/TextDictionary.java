package dwell.pivot.store;

import java.util.Arrays;

/**
 * Interns tagged texts (a value's kind and its text) to dense ids keeping only 64-bit fingerprints, ids and
 * tags in memory and the texts in {@link PagedBytes}. Texts with equal fingerprints are told apart by comparing
 * the texts themselves, so a collision costs a comparison, never a confusion. Thread-safe.
 */
public final class TextDictionary implements AutoCloseable {
    /** A 64-bit fingerprint of a tagged text; tests inject a weak one to force collisions. */
    @FunctionalInterface
    public interface Fingerprint {
        long of(int tag, String text);
    }

    /** FNV-1a over the UTF-16 units, finished with MurmurHash3's 64-bit mix so that every bit counts. */
    public static final Fingerprint STRONG = (tag, text) -> {
        long h = 0xCBF29CE484222325L ^ tag;
        for (int i = 0; i < text.length(); i++) h = (h ^ text.charAt(i)) * 0x100000001B3L;
        h ^= text.length();
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    };

    private static final int MIN_SLOTS = 1024;

    private final SpillSpace space;
    private final Fingerprint fingerprint;
    private final PagedBytes texts;
    private final PagedBytes.Reader check;
    private final Growable.Longs offsets = new Growable.Longs(MIN_SLOTS);
    private byte[] tags = new byte[MIN_SLOTS];
    private long[] fps = new long[MIN_SLOTS];
    /** The id + 1 held in each slot; 0 marks an empty slot. */
    private int[] slots = new int[MIN_SLOTS];
    private int size;
    private long reserved;

    public TextDictionary(SpillSpace space, Fingerprint fingerprint) {
        this.space = space;
        this.fingerprint = fingerprint;
        texts = new PagedBytes(space, "values", 8);
        check = texts.reader(0);
        account();
    }

    /** The id of a tagged text, interning it when new. */
    public synchronized int intern(int tag, String text) {
        long fp = fingerprint.of(tag, text);
        int slot = probe(fp, tag, text);
        if (slots[slot] != 0) return slots[slot] - 1;
        // everything that allocates comes first, so that running out of memory leaves the table consistent
        if (size == tags.length) tags = Arrays.copyOf(tags, tags.length * 2);
        long offset = texts.size();
        texts.writeVarLong(text.length());
        for (int i = 0; i < text.length(); i++) texts.writeVarLong(text.charAt(i));
        offsets.add(offset);
        int id = size++;
        tags[id] = (byte) tag;
        fps[slot] = fp;
        slots[slot] = id + 1;
        // linear probing stays short below 70% load
        if (size * 10L > slots.length * 7L) grow();
        if ((size & (size - 1)) == 0) account();
        return id;
    }

    /** The id of a tagged text already interned, or -1. */
    public synchronized int find(int tag, String text) {
        int slot = probe(fingerprint.of(tag, text), tag, text);
        return slots[slot] - 1;
    }

    /** The slot holding this text, or the empty slot where it belongs. */
    private int probe(long fp, int tag, String text) {
        int mask = slots.length - 1;
        for (int s = (int) fp & mask; ; s = (s + 1) & mask) {
            if (slots[s] == 0) return s;
            if (fps[s] == fp && sameText(slots[s] - 1, tag, text)) return s;
        }
    }

    private boolean sameText(int id, int tag, String text) {
        if (tags[id] != (byte) tag) return false;
        check.seek(offsets.get(id));
        if (check.readVarLong() != text.length()) return false;
        for (int i = 0; i < text.length(); i++) {
            if (check.readVarLong() != text.charAt(i)) return false;
        }
        return true;
    }

    private void grow() {
        long[] oldFps = fps;
        int[] oldSlots = slots;
        fps = new long[oldSlots.length * 2];
        slots = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] == 0) continue;
            int s = (int) oldFps[i] & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            fps[s] = oldFps[i];
            slots[s] = oldSlots[i];
        }
        account();
    }

    /** Tells the space what the table holds in memory: past its share, the index stops growing. */
    private void account() {
        long now = memoryBytes() - texts.memoryBytes();
        if (now > reserved) space.reserveFixed(now - reserved, "the dictionary of " + size + " distinct values");
        else space.releaseFixed(reserved - now);
        reserved = now;
    }

    public synchronized String text(int id) {
        check.seek(offsets.get(id));
        int n = (int) check.readVarLong();
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) check.readVarLong();
        return new String(c);
    }

    public synchronized int tag(int id) {
        return tags[id];
    }

    /** A copy of every id's tag, for lock-free reading after the first pass. */
    public synchronized byte[] tags() {
        return Arrays.copyOf(tags, size);
    }

    public synchronized int size() {
        return size;
    }

    /** Heap bytes: the table, the offsets and tags, and the texts' resident pages. */
    public synchronized long memoryBytes() {
        return 16 + 8L * fps.length + 16 + 4L * slots.length + offsets.bytes() + 16 + tags.length + texts.memoryBytes();
    }

    public synchronized long diskBytes() {
        return texts.diskBytes();
    }

    @Override
    public synchronized void close() {
        texts.close();
        space.releaseFixed(reserved);
        reserved = 0;
    }
}
