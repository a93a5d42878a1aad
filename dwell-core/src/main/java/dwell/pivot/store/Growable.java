package dwell.pivot.store;

import java.util.Arrays;

/** Primitive arrays that grow, so the index keeps millions of entries without boxing. */
public final class Growable {
    private Growable() {
    }

    /** A growable int array. */
    public static final class Ints {
        private int[] a;
        private int n;

        public Ints() {
            this(16);
        }

        public Ints(int capacity) {
            a = new int[Math.max(1, capacity)];
        }

        public void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        public int get(int i) {
            return a[i];
        }

        public void set(int i, int v) {
            a[i] = v;
        }

        public int size() {
            return n;
        }

        public void clear() {
            n = 0;
        }

        public int[] toArray() {
            return Arrays.copyOf(a, n);
        }

        /** Heap bytes of the backing array. */
        public long bytes() {
            return 16 + 4L * a.length;
        }
    }

    /** A growable long array. */
    public static final class Longs {
        private long[] a;
        private int n;

        public Longs() {
            this(16);
        }

        public Longs(int capacity) {
            a = new long[Math.max(1, capacity)];
        }

        public void add(long v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        public long get(int i) {
            return a[i];
        }

        public int size() {
            return n;
        }

        /** Heap bytes of the backing array. */
        public long bytes() {
            return 16 + 8L * a.length;
        }
    }
}
