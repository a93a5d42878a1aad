package dwell.yara;

/**
 * Finds the matches of every string whose atom ends within one range of the data: feeds the Aho-Corasick
 * automaton over the range and verifies each candidate start (literal compare or Pike VM) against the whole
 * data. Several finders can cover adjacent ranges of one file in parallel; their {@link Matches} then merge,
 * in range order, into what one finder over the whole file records.
 */
final class StringFinder {
    /** Bytes copied from mapped data per automaton step. */
    private static final int WINDOW = 1 << 20;

    private final RuleTables rules;
    private final Variant[] variants;
    private final PikeVm vm;
    private final Matches matches;
    /** Each pattern variant's start filter on this thread, made at its first forward run. */
    private final StartFilter[] filters;
    private Deadline deadline = Deadline.NONE;
    private int ticks;
    private byte[] window;
    private final AhoCorasick.Cursor cursor = new AhoCorasick.Cursor();

    StringFinder(RuleTables rules, Variant[] variants, PikeVm vm, Matches matches) {
        this.rules = rules;
        this.variants = variants;
        this.vm = vm;
        this.matches = matches;
        this.filters = new StartFilter[variants.length];
    }

    Matches matches() {
        return matches;
    }

    /**
     * Records the matches of atoms ending in {@code [from, to)} and, for strings without atoms, of starts in
     * {@code [from, to)} (plus the empty tail when {@code to} is the end of the data).
     */
    void find(ScanData data, long from, long to, Deadline deadline) {
        this.deadline = deadline;
        AhoCorasick ac = rules.automaton;
        if (to - from >= 2 * MIN_HALF) {
            feedHalves(ac, data, from, to);
        } else {
            feedRange(ac, data, from, to);
        }
        long size = data.size();
        long last = to == size ? size : to - 1;
        for (int vi : rules.unanchored) {
            Variant.Pattern p = (Variant.Pattern) variants[vi];
            boolean[] first = p.firstBytes();
            for (long pos = from; pos <= last; pos++) {
                if ((pos & 0xffff) == 0) deadline.check();
                if (pos < size && !first[data.get(pos)]) continue;
                verify(vi, p, data, pos, matches);
            }
        }
    }

    /** Smallest half a range is split into for two interleaved automaton runs. */
    private static final int MIN_HALF = 64 << 10;
    private static final int HALF_WINDOW = 256 << 10;

    /**
     * One automaton run is a chain of dependent table loads, bound by memory latency: two runs over the two
     * halves of the range, interleaved byte by byte, overlap their loads. The second half's matches are
     * recorded apart and appended after the first half's, as two pieces of a split scan are.
     */
    private void feedHalves(AhoCorasick ac, ScanData data, long from, long to) {
        long mid = from + (to - from) / 2;
        Stream a = streamA == null ? (streamA = new Stream()) : streamA;
        Stream b = streamB == null ? (streamB = new Stream()) : streamB;
        if (second == null) second = new Matches(rules.patterns);
        second.clear();
        a.start(Math.max(0, from - (Atoms.MAX_ATOM - 1)), mid, from);
        b.start(mid - (Atoms.MAX_ATOM - 1), to, mid);
        while (true) {
            deadline.check();
            boolean moreA = a.refill(data);
            boolean moreB = b.refill(data);
            if (moreA && moreB) ac.feed2(a.cursor, a.window, a.len, b.cursor, b.window, b.len);
            else if (moreA) ac.feed(a.cursor, a.window, a.len);
            else if (moreB) ac.feed(b.cursor, b.window, b.len);
            else break;
            a.verifyHits(ac, this, data, matches);
            b.verifyHits(ac, this, data, second);
        }
        matches.addAll(second);
    }

    /** One of the two interleaved runs: its window of the data, its automaton cursor, and the hits it keeps. */
    private static final class Stream {
        final AhoCorasick.Cursor cursor = new AhoCorasick.Cursor();
        final byte[] window = new byte[HALF_WINDOW];
        int len;
        long base;
        long next;
        long end;
        long accept;

        void start(long feedFrom, long end, long accept) {
            this.next = feedFrom;
            this.end = end;
            this.accept = accept;
            cursor.state = 0;
            cursor.pos = 0;
            cursor.hits = 0;
            len = 0;
        }

        /** Loads the next window when this one is used up; false when the run is over. */
        boolean refill(ScanData data) {
            if (cursor.pos < len) return true;
            if (next >= end) return false;
            len = data.copy(next, window, 0, (int) Math.min(window.length, end - next));
            if (len <= 0) return false;
            base = next;
            next += len;
            cursor.pos = 0;
            return true;
        }

        void verifyHits(AhoCorasick ac, StringFinder f, ScanData data, Matches into) {
            for (int k = 0; k < cursor.hits; k++) {
                long e = base + cursor.hitAt[k];
                if (e >= accept) f.verifyHit(ac.entries(cursor.hitState[k]), e, data, into);
            }
            cursor.hits = 0;
        }
    }

    private Stream streamA;
    private Stream streamB;
    private Matches second;

    /** One automaton run over {@code [from, to)}, verifying into this finder's matches. */
    private void feedRange(AhoCorasick ac, ScanData data, long from, long to) {
        AhoCorasick.Cursor c = cursor;
        c.state = 0;
        // an atom ending at `from` starts at most MAX_ATOM - 1 bytes earlier: feeding from there finds it
        long feedFrom = Math.max(0, from - (Atoms.MAX_ATOM - 1));
        if (data instanceof ScanData.Array a && feedFrom == 0) {
            feed(ac, c, a.bytes(), (int) to, 0, from, data);
        } else {
            if (window == null) window = new byte[WINDOW];
            for (long pos = feedFrom; pos < to; ) {
                deadline.check();
                int n = data.copy(pos, window, 0, (int) Math.min(window.length, to - pos));
                if (n <= 0) break;
                feed(ac, c, window, n, pos, from, data);
                pos += n;
            }
        }
    }

    /** Feeds {@code buf[0..len)}, at absolute offset {@code base}, and verifies the hits ending at or after {@code from}. */
    private void feed(AhoCorasick ac, AhoCorasick.Cursor c, byte[] buf, int len, long base, long from, ScanData data) {
        c.pos = 0;
        while (c.pos < len) {
            ac.feed(c, buf, len);
            for (int k = 0; k < c.hits; k++) {
                long end = base + c.hitAt[k];
                if (end >= from) verifyHit(ac.entries(c.hitState[k]), end, data, matches);
            }
        }
    }

    private void verifyHit(AhoCorasick.Entry[] entries, long end, ScanData data, Matches into) {
        if ((++ticks & 0x3ff) == 0) deadline.check();
        for (AhoCorasick.Entry e : entries) {
            Variant v = variants[e.variant()];
            for (long s = end - e.maxBack(); s <= end - e.minBack(); s++) verify(e.variant(), v, data, s, into);
        }
    }

    private void verify(int vi, Variant v, ScanData data, long start, Matches into) {
        if (start < 0) return;
        long size = data.size();
        int len;
        if (v instanceof Variant.Literal lit) {
            byte[] b = lit.bytes();
            if (start + b.length > size) return;
            if (lit.nocase()) {
                for (int k = 0; k < b.length; k++) {
                    if (Atoms.fold(data.get(start + k)) != Atoms.fold(b[k] & 0xff)) return;
                }
            } else {
                for (int k = 0; k < b.length; k++) {
                    if (data.get(start + k) != (b[k] & 0xff)) return;
                }
            }
            len = b.length;
        } else {
            Variant.Pattern p = (Variant.Pattern) v;
            if (start > size) return;
            // an atom at a variable distance asks for many starts; most fail on their first byte
            if (start < size && !p.firstBytes()[data.get(start)]) return;
            if (into.full(v.pattern())) return;
            StartFilter filter = filters[vi];
            if (filter == null) filter = filters[vi] = new StartFilter(p.reversed().get(), p.limit());
            if (filter.active(data) && !filter.canStart(data, start, deadline)) return;
            len = vm.match(p.program().get(), data, start, p.limit());
            if (len < 0) {
                filter.failed(data, vm.work());
                return;
            }
        }
        if (v.fullword() && !fullword(data, start, len, v.wide())) return;
        into.add(v.pattern(), start, len);
    }

    private static boolean fullword(ScanData data, long start, int len, boolean wide) {
        long size = data.size();
        if (wide) {
            if (start >= 2 && data.get(start - 1) == 0 && alnum(data.get(start - 2))) return false;
            long end = start + len;
            return !(end + 1 < size && data.get(end + 1) == 0 && alnum(data.get(end)));
        }
        if (start >= 1 && alnum(data.get(start - 1))) return false;
        return !(start + len < size && alnum(data.get(start + len)));
    }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
