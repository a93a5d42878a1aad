package dwell.yara;

import java.util.Arrays;

/**
 * Which offsets of the data can start a match of one pattern, found a block at a time by running the pattern's
 * reversed program backwards over the block once, so the forward {@link PikeVm} only runs where it will match.
 * Without it, a pattern such as {@code /(a+)+b/} on a megabyte of {@code a} runs the forward VM from every
 * offset to its scan limit and fails every time (YARA itself takes minutes there); with it the work is linear
 * in the data. The answer is exact: an offset is marked if and only if a match of at most the pattern's limit
 * starts there. One filter serves one pattern on one scan thread.
 */
final class StartFilter {
    private static final int SLOTS = 4;

    private final Program reversed;
    private final int limit;
    private final int block;
    private final long[] blockIndex = new long[SLOTS];
    private final long[][] bits = new long[SLOTS][];
    private int nextSlot;
    private ScanData data;
    private long wasted;

    // the reversed simulation's thread lists (each instruction at most once a step): program counters, each with
    // the end of the match it would give
    private final Closure closure = new Closure();
    private int[] cur;
    private long[] curEnd;
    private int[] nxt;
    private long[] nxtEnd;

    /**
     * Forward work (instructions times bytes) past which a single forward run may be very costly: such patterns
     * (long jumps, large counted repeats) get a compile-time warning.
     */
    static final long COSTLY_WORK = 1L << 22;

    /**
     * Work (threads times bytes) that failed forward runs of a pattern must have wasted in one file before its
     * starts are filtered. Filtering a block costs the reversed pattern's threads over the block, which for a
     * pattern whose runs fail cheaply is more than it saves: only a pattern that has already wasted about a
     * tenth of a second is filtered, and then each block is cheap next to one of its failed runs.
     */
    static final long WASTE_BEFORE_FILTERING = 1L << 26;

    /** True when one forward run of the program over {@code limit} bytes may cost more than filtering a block. */
    static boolean costly(Program forward, int limit) {
        return (long) forward.size() * limit >= COSTLY_WORK;
    }

    StartFilter(Program reversed, int limit) {
        this.reversed = reversed;
        this.limit = limit;
        // a block costs its own length plus the limit to compute: at least as long as the limit keeps that at 2x
        this.block = Math.max(1 << 16, Integer.highestOneBit(Math.max(1, limit - 1)) << 1);
        int n = reversed.size();
        closure.fit(n);
        cur = new int[n];
        nxt = new int[n];
        curEnd = new long[n];
        nxtEnd = new long[n];
    }

    /** Notes a forward run that found nothing after {@code work} (threads times bytes). */
    void failed(ScanData on, long work) {
        reset(on);
        wasted += work;
    }

    /** True when filtering is on for this file: once failed forward runs have wasted enough work. */
    boolean active(ScanData on) {
        reset(on);
        return wasted >= WASTE_BEFORE_FILTERING;
    }

    /** True if a match of at most {@code limit} bytes starts at {@code start}. */
    boolean canStart(ScanData on, long start, Deadline deadline) {
        reset(on);
        long index = start / block;
        int slot = -1;
        for (int s = 0; s < SLOTS; s++) {
            if (bits[s] != null && blockIndex[s] == index) slot = s;
        }
        if (slot < 0) {
            slot = nextSlot;
            nextSlot = (nextSlot + 1) % SLOTS;
            if (bits[slot] == null) bits[slot] = new long[block / 64];
            else Arrays.fill(bits[slot], 0);
            blockIndex[slot] = index;
            mark(on, index * block, Math.min(on.size() + 1, (index + 1) * block), bits[slot], deadline);
        }
        int at = (int) (start - index * block);
        return (bits[slot][at >>> 6] & (1L << at)) != 0;
    }

    private void reset(ScanData on) {
        if (on == data) return;
        data = on;
        wasted = 0;
        Arrays.fill(bits, null);
        nextSlot = 0;
    }

    /**
     * Marks the starts in {@code [from, to)} at which a match begins. Going backwards from the furthest end a
     * match of one of them can have, each offset adds a fresh thread (a match ending there) before the threads
     * stepped over the byte it precedes; where two threads meet, the first keeps the state. Threads stay ordered
     * by their end, so the one kept is always the shortest match, which is what the limit needs.
     */
    private void mark(ScanData on, long from, long to, long[] out, Deadline deadline) {
        long size = on.size();
        long top = Math.min(size, to - 1 + limit);
        int count = 0;
        for (long pos = top; pos >= from; pos--) {
            if ((pos & 0xffff) == 0) deadline.check();
            closure.step();
            int n = follow(on, pos, 0, pos, 0, out, from, to);
            int b = pos < size ? on.get(pos) : -1;
            for (int k = 0; k < count && b >= 0; k++) {
                long end = curEnd[k];
                if (end - pos > limit) break;
                long[] set = reversed.sets[cur[k]];
                if ((set[b >> 6] & (1L << (b & 63))) != 0) n = follow(on, pos, cur[k] + 1, end, n, out, from, to);
            }
            int[] t = cur;
            cur = nxt;
            nxt = t;
            long[] te = curEnd;
            curEnd = nxtEnd;
            nxtEnd = te;
            count = n;
        }
    }

    /**
     * Adds what {@code pc0} leads to at {@code pos}, for a match ending at {@code end}, to the next list after its
     * first {@code count} threads; reaching the end of the reversed program marks {@code pos} as a start.
     */
    private int follow(ScanData on, long pos, int pc0, long end, int count, long[] out, long from, long to) {
        int n = closure.follow(reversed, on, pos, pc0, nxt, count);
        int kept = count;
        for (int k = count; k < n; k++) {
            int pc = nxt[k];
            if (reversed.op[pc] == Program.MATCH) {
                if (pos < to) {
                    int at = (int) (pos - from);
                    out[at >>> 6] |= 1L << at;
                }
            } else {
                nxt[kept] = pc;
                nxtEnd[kept++] = end;
            }
        }
        return kept;
    }
}
