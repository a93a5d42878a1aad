package dwell.pivot.store;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Builds {@link PostingLists} from (value, event) pairs given in event order: pairs gather in a buffer sized by
 * the memory budget; a full buffer is sorted by value (events keep their order) and written as a run; the runs,
 * each covering later events than the one before, are merged by value id into the final groups. With one run the
 * buffer is written as the final groups straight away.
 */
public final class PostingsBuilder {
    private static final int MIN_BUFFER = 1 << 16;
    private static final int RADIX_BITS = 11;
    private static final int RADIX_MASK = (1 << RADIX_BITS) - 1;

    private final SpillSpace space;
    private final int values;
    private final long refusalsAtStart;
    private long[] buffer;
    /** The radix sort's second buffer. */
    private long[] spare;
    private int n;
    private PagedBytes runs;
    private final Growable.Longs runStarts = new Growable.Longs();

    /**
     * @param values        value ids are below this
     * @param expectedPairs how many pairs will come (the buffer need not be larger)
     */
    public PostingsBuilder(SpillSpace space, int values, long expectedPairs) {
        // a quarter of the budget (two arrays of longs), yet not so small that runs are mostly group headers
        this(space, values, (int) Math.max(Math.min(MIN_BUFFER, expectedPairs),
                Math.min(Math.min(expectedPairs, space.budget().memory() / 4 / (2 * Long.BYTES)), Integer.MAX_VALUE - 8)));
    }

    /** With a buffer of a given number of pairs: tests use small ones for many runs. */
    static PostingsBuilder withBuffer(SpillSpace space, int values, int bufferPairs) {
        return new PostingsBuilder(space, values, bufferPairs);
    }

    private PostingsBuilder(SpillSpace space, int values, int bufferPairs) {
        this.space = space;
        this.values = values;
        this.refusalsAtStart = space.refusals();
        buffer = new long[Math.max(1, bufferPairs)];
        spare = new long[buffer.length];
    }

    /** Adds one pair; events must come in non-decreasing order, each value once per event. */
    public void add(int value, int event) {
        if (n == buffer.length) flushRun();
        buffer[n++] = (long) value << 32 | event;
    }

    private void flushRun() {
        if (runs == null) runs = new PagedBytes(space, "runs", 1);
        runStarts.add(runs.size());
        writeGroups(runs, null);
        checkLimits();
    }

    /** Sorts the buffer and writes its groups; with a directory, records each group's offset by value id. */
    private void writeGroups(PagedBytes out, PagedBytes directory) {
        sortByValue();
        int next = 0;
        for (int i = 0; i < n; ) {
            int value = (int) (buffer[i] >>> 32);
            int j = i;
            while (j < n && (int) (buffer[j] >>> 32) == value) j++;
            if (directory != null) next = pointTo(directory, next, value, out.size());
            out.writeVarLong(value);
            out.writeVarLong(j - i);
            int last = 0;
            for (int k = i; k < j; k++) {
                int e = (int) buffer[k];
                out.writeVarLong(e - last);
                last = e;
            }
            i = j;
        }
        n = 0;
    }

    /**
     * Sorts the buffer by value id, keeping each value's events in the order they came (already ascending): a
     * stable radix sort on the id's bits, 11 at a time, one pass per 2048 distinct values' worth of bits.
     */
    private void sortByValue() {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, values - 1));
        int[] counts = new int[1 << RADIX_BITS];
        for (int shift = 0; shift < bits; shift += RADIX_BITS) {
            Arrays.fill(counts, 0);
            int s = 32 + shift;
            for (int i = 0; i < n; i++) counts[(int) (buffer[i] >>> s) & RADIX_MASK]++;
            for (int d = 0, sum = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) spare[counts[(int) (buffer[i] >>> s) & RADIX_MASK]++] = buffer[i];
            long[] t = buffer;
            buffer = spare;
            spare = t;
        }
    }

    /** Fills the directory up to {@code value} (values without events get -1); returns the next id to fill. */
    private int pointTo(PagedBytes directory, int next, int value, long offset) {
        for (; next < value; next++) directory.writeLong(-1);
        directory.writeLong(offset);
        return value + 1;
    }

    /** Writes the final postings; throws {@link IndexLimitException} if a limit was met meanwhile. */
    public PostingLists finish() {
        PagedBytes data = new PagedBytes(space, "postings", 16);
        PagedBytes directory = new PagedBytes(space, "directory", 4);
        try {
            if (runs == null) {
                writeGroups(data, directory);
            } else {
                flushRun();
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
            buffer = null;
            spare = null;
            if (runs != null) runs.close();
        }
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
        // for one value, an earlier run holds earlier events: ties go to the lower run index
        PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> a.value != b.value
                ? Integer.compare(a.value, b.value) : Integer.compare(a.index, b.index));
        for (int r = 0; r < runStarts.size(); r++) {
            long end = r + 1 < runStarts.size() ? runStarts.get(r + 1) : runs.size();
            Run run = new Run(r, runs.reader(runStarts.get(r)), end);
            if (run.advance()) heads.add(run);
        }
        Run[] same = new Run[runStarts.size()];
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

    /** Frees the buffer and the runs when the postings will not be finished. */
    public void abandon() {
        buffer = null;
        spare = null;
        if (runs != null) runs.close();
    }
}
