package dwell.yara;

/**
 * Runs a {@link Program} anchored at one offset and returns the length of the match that a backtracking
 * engine would report (greedy and lazy quantifiers honoured), in time linear in the bytes examined.
 * Not thread-safe: each scan thread owns one.
 */
final class PikeVm {
    private final Closure closure = new Closure();
    private int[] clist = new int[64];
    private int[] nlist = new int[64];
    private long work;
    private Deadline deadline = Deadline.NONE;

    /** The deadline long runs check. */
    void deadline(Deadline d) {
        this.deadline = d;
    }

    /** The match length at {@code start}, looking no further than {@code limit} bytes, or -1. */
    int match(Program prog, ScanData data, long start, int limit) {
        int n = prog.size();
        if (clist.length < n) {
            clist = new int[n];
            nlist = new int[n];
        }
        closure.fit(n);
        long size = data.size();
        long end = Math.min(size, start + limit);
        int[] cur = clist;
        int[] nxt = nlist;
        closure.step();
        int ccount = closure.follow(prog, data, start, 0, cur, 0);
        int best = -1;
        long pos = start;
        work = 0;
        while (ccount > 0) {
            work += ccount;
            closure.step();
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
                        ncount = closure.follow(prog, data, pos + 1, pc + 1, nxt, ncount);
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
        return best;
    }

    /** The work of the last {@link #match}: its threads summed over the bytes it looked at. */
    long work() {
        return work;
    }
}
