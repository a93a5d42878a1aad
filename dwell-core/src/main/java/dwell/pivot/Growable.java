package dwell.pivot;

import java.util.Arrays;

/** Primitive arrays that grow, so the index stores millions of events without boxing. */
final class Growable {
    private Growable() {
    }

    /** A growable int array. */
    static final class Ints {
        int[] a;
        int n;

        Ints() {
            this(1024);
        }

        Ints(int capacity) {
            a = new int[Math.max(1, capacity)];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }
    }

    /** A growable long array. */
    static final class Longs {
        long[] a = new long[1024];
        int n;

        void add(long v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        long get(int i) {
            return a[i];
        }
    }
}
