package dwell.ioc;

import dwell.net.Cidr;
import dwell.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary radix trie over address bits (one for IPv4, one for IPv6): a lookup walks at most 32 or 128 nodes
 * and collects every range that contains the address, nested ranges included. Immutable once built.
 */
final class CidrTrie {
    private final int[] zero;
    private final int[] one;
    private final int[][] values;  // per node, the ids stored at exactly that prefix

    private CidrTrie(int[] zero, int[] one, int[][] values) {
        this.zero = zero;
        this.one = one;
        this.values = values;
    }

    /** Calls {@code out} with the id of every stored range containing {@code a}. */
    void lookup(IpAddress a, java.util.function.IntConsumer out) {
        int n = 0;
        int bits = a.bits();
        for (int i = 0; ; i++) {
            if (values[n] != null) for (int v : values[n]) out.accept(v);
            if (i == bits) return;
            n = a.bit(i) == 0 ? zero[n] : one[n];
            if (n == 0) return;
        }
    }

    boolean isEmpty() {
        return zero.length == 1 && values[0] == null;
    }

    /** Collects ranges of one address family. */
    static final class Builder {
        private int[] zero = new int[16];
        private int[] one = new int[16];
        private final List<int[]> values = new ArrayList<>();
        private int nodes = 1;

        Builder() {
            values.add(null);
        }

        void add(Cidr c, int id) {
            int n = 0;
            for (int i = 0; i < c.prefix(); i++) {
                int b = c.base().bit(i);
                int next = b == 0 ? zero[n] : one[n];
                if (next == 0) {
                    next = nodes++;
                    if (nodes > zero.length) {
                        zero = Arrays.copyOf(zero, zero.length * 2);
                        one = Arrays.copyOf(one, one.length * 2);
                    }
                    values.add(null);
                    if (b == 0) zero[n] = next;
                    else one[n] = next;
                }
                n = next;
            }
            int[] v = values.get(n);
            if (v == null) {
                values.set(n, new int[] {id});
            } else {
                int[] w = Arrays.copyOf(v, v.length + 1);
                w[v.length] = id;
                values.set(n, w);
            }
        }

        CidrTrie build() {
            return new CidrTrie(Arrays.copyOf(zero, nodes), Arrays.copyOf(one, nodes), values.toArray(new int[0][]));
        }
    }
}
