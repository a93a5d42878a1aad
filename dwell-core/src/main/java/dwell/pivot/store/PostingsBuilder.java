package dwell.pivot.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Builds {@link PostingLists} from (value, event) pairs, in {@link Part}s that each take a range of events, in event
 * order, and may be filled side by side by one thread each. A part appends each value's events as gaps to that value's
 * own list, already in the final lists' encoding, so that nothing is sorted; past its share of the memory budget it
 * writes its lists as a run and starts again. At the end the parts' lists are laid end to end, value by value; when a
 * part wrote runs, all runs (each covering later events than the one before) are merged by value id instead.
 */
public final class PostingsBuilder {
    /** The lists' share of memory when the budget leaves them less (half of it): below this runs are mostly headers. */
    private static final long MIN_SHARE = 1L << 20;

    private final SpillSpace space;
    private final int values;
    private final long refusalsAtStart;
    private final long share;
    private final List<Part> parts = new ArrayList<>();

    /**
     * @param values value ids are below this
     */
    public PostingsBuilder(SpillSpace space, int values) {
        // half the budget: gaps take a byte or two a pair where a sort took 16, so 2 GB of IIS logs fit without a run
        this(space, values, Math.max(MIN_SHARE, space.budget().memory() / 2));
    }

    /** With the lists' memory share in bytes (split among the parts): tests use small ones for many runs. */
    static PostingsBuilder withShare(SpillSpace space, int values, long bytes) {
        return new PostingsBuilder(space, values, bytes);
    }

    private PostingsBuilder(SpillSpace space, int values, long share) {
        this.space = space;
        this.values = values;
        this.refusalsAtStart = space.refusals();
        this.share = share;
    }

    /** {@code n} parts, for consecutive ranges of events in their order; each holds a share of the memory. */
    public List<Part> parts(int n) {
        if (!parts.isEmpty()) throw new IllegalStateException("parts asked for twice");
        for (int i = 0; i < n; i++) parts.add(new Part(Math.max(1, share / n)));
        return List.copyOf(parts);
    }

    /** One range of events' pairs. Written by one thread. */
    public final class Part {
        private final long share;
        /** Per value id: its events' gaps in this run (the first from 0), how many bytes of them, how many, the last. */
        private final byte[][] gaps = new byte[values][];
        private final int[] length = new int[values];
        private final int[] count = new int[values];
        private final int[] last = new int[values];
        /** The values with events in this run, in the order first met. */
        private final Growable.Ints touched = new Growable.Ints(64);
        private long held;
        private PagedBytes runs;
        private final Growable.Longs runStarts = new Growable.Longs();

        private Part(long share) {
            this.share = share;
        }

        /** Adds one pair; events must come in non-decreasing order, each value once per event. */
        public void add(int value, int event) {
            byte[] g = gaps[value];
            int at = length[value];
            if (g == null) {
                g = gaps[value] = new byte[8];
                held += g.length;
                touched.add(value);
            } else if (g.length - at < 5) {
                int more = g.length >> 1;
                g = gaps[value] = Arrays.copyOf(g, g.length + more);
                held += more;
            }
            length[value] = VarInts.write(g, at, event - last[value]);
            last[value] = event;
            count[value]++;
            if (held > share) flushRun();
        }

        private void flushRun() {
            if (runs == null) runs = new PagedBytes(space, "runs", 1);
            runStarts.add(runs.size());
            int[] ids = touched.toArray();
            Arrays.sort(ids);
            for (int v : ids) {
                runs.writeVarLong(v);
                runs.writeVarLong(count[v]);
                runs.write(gaps[v], 0, length[v]);
                gaps[v] = null;
                length[v] = 0;
                count[v] = 0;
                last[v] = 0;
            }
            touched.clear();
            held = 0;
            checkLimits();
        }

        private boolean wroteRuns() {
            return runs != null;
        }

        /** Frees the lists and the runs. */
        private void abandon() {
            Arrays.fill(gaps, null);
            if (runs != null) runs.close();
        }
    }

    /** Writes the final postings; throws {@link IndexLimitException} if a limit was met meanwhile. */
    public PostingLists finish() {
        PagedBytes data = new PagedBytes(space, "postings", 16);
        PagedBytes directory = new PagedBytes(space, "directory", 4);
        try {
            if (parts.stream().noneMatch(Part::wroteRuns)) {
                join(data, directory);
            } else {
                for (Part p : parts) p.flushRun();
                merge(data, directory);
            }
            for (long v = directory.size() / 8; v < values; v++) directory.writeLong(-1);
            checkLimits();
            return new PostingLists(data, directory, values);
        } catch (RuntimeException | Error e) {
            data.close();
            directory.close();
            throw e;
        } finally {
            abandon();
        }
    }

    /** Lays the parts' lists end to end, value by value: each part's first gap (from 0) becomes one from the part before. */
    private void join(PagedBytes out, PagedBytes directory) {
        int next = 0;
        long groups = 0;
        for (int v = 0; v < values; v++) {
            long count = 0;
            for (Part p : parts) count += p.count[v];
            if (count == 0) continue;
            next = pointTo(directory, next, v, out.size());
            out.writeVarLong(v);
            out.writeVarLong(count);
            int previous = 0;
            for (Part p : parts) {
                if (p.count[v] == 0) continue;
                ByteArray.Reader gaps = ByteArray.reader(p.gaps[v], 0);
                int first = gaps.readVarInt();
                int rest = gaps.position();
                out.writeVarLong(first - previous);
                out.write(p.gaps[v], rest, p.length[v] - rest);
                previous = p.last[v];
                p.gaps[v] = null;
            }
            if (++groups % 4096 == 0) checkLimits();
        }
    }

    /** Fills the directory up to {@code value} (values without events get -1); returns the next id to fill. */
    private static int pointTo(PagedBytes directory, int next, int value, long offset) {
        for (; next < value; next++) directory.writeLong(-1);
        directory.writeLong(offset);
        return value + 1;
    }

    /** One run's groups, read in value order. */
    private static final class Run {
        final int index;
        final PagedBytes.Reader in;
        final long end;
        int value;
        int count;

        Run(int index, PagedBytes.Reader in, long end) {
            this.index = index;
            this.in = in;
            this.end = end;
        }

        boolean advance() {
            if (in.position() >= end) return false;
            value = in.readVarInt();
            count = in.readVarInt();
            return true;
        }
    }

    private void merge(PagedBytes out, PagedBytes directory) {
        // for one value, an earlier run holds earlier events: ties go to the lower run index (parts in order, then their runs)
        PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> a.value != b.value
                ? Integer.compare(a.value, b.value) : Integer.compare(a.index, b.index));
        int runCount = 0;
        for (Part p : parts) {
            for (int r = 0; r < p.runStarts.size(); r++) {
                long end = r + 1 < p.runStarts.size() ? p.runStarts.get(r + 1) : p.runs.size();
                Run run = new Run(runCount++, p.runs.reader(p.runStarts.get(r)), end);
                if (run.advance()) heads.add(run);
            }
        }
        Run[] same = new Run[runCount];
        int next = 0;
        long groups = 0;
        while (!heads.isEmpty()) {
            int k = 0;
            same[k++] = heads.poll();
            while (!heads.isEmpty() && heads.peek().value == same[0].value) same[k++] = heads.poll();
            int value = same[0].value;
            long count = 0;
            for (int i = 0; i < k; i++) count += same[i].count;
            next = pointTo(directory, next, value, out.size());
            out.writeVarLong(value);
            out.writeVarLong(count);
            int last = 0;
            for (int i = 0; i < k; i++) {
                int e = 0;
                for (int c = 0; c < same[i].count; c++) {
                    e += same[i].in.readVarInt();
                    out.writeVarLong(e - last);
                    last = e;
                }
                if (same[i].advance()) heads.add(same[i]);
            }
            if (++groups % 4096 == 0) checkLimits();
        }
    }

    private void checkLimits() {
        if (space.refusals() > refusalsAtStart) throw new IndexLimitException(space.latestLimit());
    }

    /** Frees the lists and the runs when the postings will not be finished. */
    public void abandon() {
        for (Part p : parts) p.abandon();
    }
}
