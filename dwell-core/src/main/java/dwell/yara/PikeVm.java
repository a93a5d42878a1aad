package dwell.yara;

/**
 * Runs a {@link Program} anchored at one offset and returns the length of the match that a backtracking
 * engine would report (greedy and lazy quantifiers honoured), in time linear in the bytes examined.
 * Not thread-safe: each scan thread owns one.
 */
final class PikeVm {
    private static final Re.Assert.Kind[] KINDS = Re.Assert.Kind.values();
    private int[] clist = new int[64];
    private int[] nlist = new int[64];
    private int[] mark = new int[64];
    private int[] stack = new int[64];
    private int generation = 1;
    private long examined;
    private Deadline deadline = Deadline.NONE;

    /** The deadline long runs check. */
    void deadline(Deadline d) {
        this.deadline = d;
    }

    /** The match length at {@code start}, looking no further than {@code limit} bytes, or -1. */
    int match(Program prog, ScanData data, long start, int limit) {
        int n = prog.size();
        if (mark.length < n) {
            mark = new int[n];
            clist = new int[n];
            nlist = new int[n];
            stack = new int[Math.max(stack.length, n * 2 + 2)];
            generation = 1;
        }
        long size = data.size();
        long end = Math.min(size, start + limit);
        int[] cur = clist;
        int[] nxt = nlist;
        int ccount = add(prog, data, cur, 0, 0, start, size, nextGeneration());
        int best = -1;
        long pos = start;
        while (ccount > 0) {
            int gen = nextGeneration();
            int ncount = 0;
            int b = pos < end ? data.get(pos) : -1;
            for (int k = 0; k < ccount; k++) {
                int pc = cur[k];
                if (prog.op[pc] == Program.MATCH) {
                    best = (int) (pos - start);
                    break;
                }
                if (b >= 0) {
                    long[] set = prog.sets[pc];
                    if ((set[b >> 6] & (1L << (b & 63))) != 0) {
                        ncount = add(prog, data, nxt, ncount, pc + 1, pos + 1, size, gen);
                    }
                }
            }
            if (b < 0) break;
            int[] t = cur;
            cur = nxt;
            nxt = t;
            ccount = ncount;
            pos++;
            if ((pos & 0xffff) == 0) deadline.check();
        }
        examined = pos - start;
        return best;
    }

    /** Bytes the last {@link #match} looked at. */
    long examined() {
        return examined;
    }

    private int nextGeneration() {
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(mark, 0);
            generation = 1;
        }
        return generation;
    }

    /** Adds the thread at {@code pc0} and everything reachable by empty moves, in priority order. */
    private int add(Program prog, ScanData data, int[] list, int count, int pc0, long pos, long size, int gen) {
        int sp = 0;
        stack[sp++] = pc0;
        while (sp > 0) {
            int pc = stack[--sp];
            if (mark[pc] == gen) continue;
            mark[pc] = gen;
            switch (prog.op[pc]) {
                case Program.JMP -> stack[sp++] = prog.x[pc];
                case Program.SPLIT -> {
                    if (sp + 2 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    stack[sp++] = prog.y[pc];
                    stack[sp++] = prog.x[pc];
                }
                case Program.ASSERT -> {
                    if (holds(prog.x[pc], data, pos, size)) stack[sp++] = pc + 1;
                }
                default -> list[count++] = pc;
            }
            if (sp + 2 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        return count;
    }

    static boolean holds(int kind, ScanData data, long pos, long size) {
        return switch (KINDS[kind]) {
            case START -> pos == 0;
            case END -> pos == size;
            case WORD_BOUNDARY -> isWord(data, pos - 1, size) != isWord(data, pos, size);
            case NOT_WORD_BOUNDARY -> isWord(data, pos - 1, size) == isWord(data, pos, size);
            case WIDE_WORD_BOUNDARY -> isWideWord(data, pos - 2, size) != isWideWord(data, pos, size);
            case WIDE_NOT_WORD_BOUNDARY -> isWideWord(data, pos - 2, size) == isWideWord(data, pos, size);
        };
    }

    private static boolean isWideWord(ScanData data, long pos, long size) {
        return pos + 1 < size && isWord(data, pos, size) && data.get(pos + 1) == 0;
    }

    static boolean isWord(ScanData data, long pos, long size) {
        if (pos < 0 || pos >= size) return false;
        int c = data.get(pos);
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
