package dwell.yara;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@link Re} for the Pike virtual machine: byte-set, split, jump, assertion and match instructions.
 * Simulating all threads in lock step keeps matching linear in the input, whatever the pattern.
 */
final class Program implements ProgramSource {
    static final int BYTE = 0;
    static final int SPLIT = 1;
    static final int JMP = 2;
    static final int ASSERT = 3;
    static final int MATCH = 4;

    /** Most instructions a single pattern may compile to (large counted repeats are expanded). */
    static final int MAX_SIZE = 1 << 20;

    final int[] op;
    final int[] x;
    final int[] y;
    final long[][] sets;

    Program(int[] op, int[] x, int[] y, long[][] sets) {
        this.op = op;
        this.x = x;
        this.y = y;
        this.sets = sets;
    }

    @Override
    public Program get() {
        return this;
    }

    int size() {
        return op.length;
    }

    static Program compile(Re re) {
        Builder b = new Builder();
        b.emit(re);
        b.add(MATCH, 0, 0, null);
        int n = b.n;
        return new Program(java.util.Arrays.copyOf(b.ops, n), java.util.Arrays.copyOf(b.xs, n),
                java.util.Arrays.copyOf(b.ys, n), java.util.Arrays.copyOf(b.sets, n));
    }

    private static final class Builder {
        int[] ops = new int[16];
        int[] xs = new int[16];
        int[] ys = new int[16];
        long[][] sets = new long[16][];
        int n;

        int add(int o, int a, int c, long[] set) {
            if (n >= MAX_SIZE) throw new IllegalArgumentException("pattern too large");
            if (n == ops.length) {
                ops = java.util.Arrays.copyOf(ops, n * 2);
                xs = java.util.Arrays.copyOf(xs, n * 2);
                ys = java.util.Arrays.copyOf(ys, n * 2);
                sets = java.util.Arrays.copyOf(sets, n * 2);
            }
            ops[n] = o;
            xs[n] = a;
            ys[n] = c;
            sets[n] = set;
            return n++;
        }

        int pc() {
            return n;
        }

        void emit(Re re) {
            if (re instanceof Re.Bytes b) {
                add(BYTE, 0, 0, b.set());
            } else if (re instanceof Re.Seq s) {
                for (Re r : s.items()) emit(r);
            } else if (re instanceof Re.Alt a) {
                List<Integer> jumps = new ArrayList<>();
                for (int k = 0; k < a.items().size(); k++) {
                    if (k < a.items().size() - 1) {
                        int split = add(SPLIT, 0, 0, null);
                        xs[split] = pc();
                        emit(a.items().get(k));
                        jumps.add(add(JMP, 0, 0, null));
                        ys[split] = pc();
                    } else {
                        emit(a.items().get(k));
                    }
                }
                for (int j : jumps) xs[j] = pc();
            } else if (re instanceof Re.Rep r) {
                for (int k = 0; k < r.min(); k++) emit(r.node());
                if (r.max() < 0) {
                    int split = add(SPLIT, 0, 0, null);
                    int body = pc();
                    emit(r.node());
                    add(JMP, split, 0, null);
                    setSplit(split, body, pc(), r.greedy());
                } else {
                    List<Integer> splits = new ArrayList<>();
                    for (int k = r.min(); k < r.max(); k++) {
                        int split = add(SPLIT, 0, 0, null);
                        splits.add(split);
                        xs[split] = pc();
                        emit(r.node());
                    }
                    for (int s : splits) setSplit(s, s + 1, pc(), r.greedy());
                }
            } else if (re instanceof Re.Assert a) {
                add(ASSERT, a.kind().ordinal(), 0, null);
            }
        }

        void setSplit(int split, int body, int out, boolean greedy) {
            xs[split] = greedy ? body : out;
            ys[split] = greedy ? out : body;
        }
    }
}
