package dwell.format.evtx;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's fields in source order as two flat arrays (names, values) with an open-addressing index of the
 * names' hashes: what a {@code LinkedHashMap} answers, without an entry object per field. Sigma's keyword pass
 * walks every value of every event and its tests look fields up by name; over arrays the loads of one walk do not
 * wait on one another, where a linked map's entries must be visited one after the other. Filled by one thread
 * while the record is decoded ({@link #set}, {@link #join}), read-only afterwards.
 */
final class FieldTable extends AbstractMap<String, String> implements Serializable {
    private static final long serialVersionUID = 1L;
    private String[] names;
    private String[] values;
    /**
     * Per bucket two ints: the index of a field plus one (0: empty) and its name's hash, side by side so that a
     * probe finds both in one cache line. The bucket count is a power of two at least twice the field count.
     */
    private int[] buckets;
    private int size;
    /**
     * The names as a renderer encodes them ({@link #encodedNames}), shared by every table of these names (the events
     * of one layout); null until the names are final.
     */
    private transient EncodedNames encoded;

    FieldTable(int capacity) {
        names = new String[capacity];
        values = new String[capacity];
        buckets = new int[Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) * 4];
    }

    /** A table of the same names and index (shared: neither table changes them again) with other values. */
    private FieldTable(FieldTable shape, String[] values) {
        this.names = shape.names;
        this.buckets = shape.buckets;
        this.size = shape.size;
        this.encoded = shape.encoded;
        this.values = values;
    }

    /** This table's names and index with {@code values}, one for each field. */
    FieldTable withValues(String[] values) {
        return new FieldTable(this, values);
    }

    String nameAt(int i) {
        return names[i];
    }

    /** Keeps names encoded for this table and the tables that share its names: called when they are final. */
    void shareEncodedNames() {
        if (encoded == null) encoded = new EncodedNames();
    }

    /**
     * The names as {@code encoder} encodes them, in order: encoded once for all the tables sharing these names when
     * they are shared ({@link #shareEncodedNames}), else now.
     */
    byte[][] encodedNames(FieldEncoder encoder) {
        EncodedNames shared = encoded;
        if (shared == null) return Encoded.of(names, size, encoder).names;
        Encoded e = shared.encoded;
        if (e == null || e.encoder != encoder) shared.encoded = e = Encoded.of(names, size, encoder);
        return e.names;
    }

    /**
     * The slot for the names' encoding, shared. Read and written without locks: racing threads encode alike, and an
     * {@link Encoded}'s final fields make its arrays whole to any thread that sees it.
     */
    private static final class EncodedNames {
        Encoded encoded;
    }

    /** The names as one encoder encodes them. */
    private static final class Encoded {
        final FieldEncoder encoder;
        final byte[][] names;

        private Encoded(FieldEncoder encoder, byte[][] names) {
            this.encoder = encoder;
            this.names = names;
        }

        static Encoded of(String[] names, int size, FieldEncoder encoder) {
            byte[][] b = new byte[size][];
            for (int i = 0; i < size; i++) b[i] = encoder.name(names[i]);
            return new Encoded(encoder, b);
        }
    }

    String valueAt(int i) {
        return values[i];
    }

    void valueAt(int i, String value) {
        values[i] = value;
    }

    /** Copies the values into {@code into} if they fit ({@link dwell.event.Event#copyValues}); returns their count. */
    int copyValues(String[] into) {
        int n = size;
        if (n <= into.length) System.arraycopy(values, 0, into, 0, n);
        return n;
    }

    /** Sets a field's value: a new name goes last, a known one keeps its place; returns the value it had, or null. */
    String set(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) {
            String old = values[i];
            values[i] = value;
            return old;
        }
        add(name, value);
        return null;
    }

    /** Adds a field, or joins the value to a known name's values with {@code ", "} (array values, repeated elements). */
    void join(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) values[i] = values[i] + ", " + value;
        else add(name, value);
    }

    /** Adds a field whose name is not in the table. */
    void add(String name, String value) {
        if (size == names.length) {
            int n = size * 2;
            names = Arrays.copyOf(names, n);
            values = Arrays.copyOf(values, n);
        }
        names[size] = name;
        values[size] = value;
        size++;
        if (size > buckets.length / 4) rehash();
        place(buckets, size - 1, name.hashCode());
    }

    private void rehash() {
        int[] old = buckets;
        buckets = new int[old.length * 2];
        for (int b = 0; b < old.length; b += 2) if (old[b] != 0) place(buckets, old[b] - 1, old[b + 1]);
    }

    private static void place(int[] buckets, int index, int hash) {
        int mask = buckets.length / 2 - 1;
        int b = spread(hash) & mask;
        while (buckets[2 * b] != 0) b = (b + 1) & mask;
        buckets[2 * b] = index + 1;
        buckets[2 * b + 1] = hash;
    }

    /** The field's index, or -1. */
    int indexOf(String name) {
        int h = name.hashCode();
        int[] bs = buckets;
        int mask = bs.length / 2 - 1;
        for (int b = spread(h) & mask; ; b = (b + 1) & mask) {
            int i = bs[2 * b] - 1;
            if (i < 0) return -1;
            if (bs[2 * b + 1] == h) {
                String n = names[i];
                if (n == name || n.equals(name)) return i;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name)) return null;
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        String[] ns = names;
        String[] vs = values;
        for (int i = 0, n = size; i < n; i++) action.accept(ns[i], vs[i]);
    }

    /** A finding's event travels (shared hunts, Spark) as the linked map it stands for, as it did before this table. */
    private Object writeReplace() {
        return new LinkedHashMap<>(this);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
