package dwell.pivot.store;

/**
 * Value id -> the events carrying it, as written by {@link PostingsBuilder}: per value one group (value id,
 * count, then event numbers as gaps, LEB128) in {@link PagedBytes}, found through a directory of group offsets.
 */
public final class PostingLists implements AutoCloseable {
    private final PagedBytes data;
    private final PagedBytes directory;
    private final int values;

    PostingLists(PagedBytes data, PagedBytes directory, int values) {
        this.data = data;
        this.directory = directory;
        this.values = values;
    }

    /** How many events carry a value, without reading them. */
    public int count(int value) {
        PagedBytes.Reader in = group(value);
        return in == null ? 0 : in.readVarInt();
    }

    public Postings postings(int value) {
        PagedBytes.Reader in = group(value);
        return in == null ? Postings.NONE : new Postings(in, in.readVarInt());
    }

    /** A reader at the value's count, or null when no event carries it. */
    private PagedBytes.Reader group(int value) {
        if (value < 0 || value >= values) return null;
        long at = directory.readLong(8L * value);
        if (at < 0) return null;
        PagedBytes.Reader in = data.reader(at);
        if (in.readVarInt() != value) throw new IllegalStateException("postings directory out of step at value " + value);
        return in;
    }

    public long memoryBytes() {
        return data.memoryBytes() + directory.memoryBytes();
    }

    public long diskBytes() {
        return data.diskBytes() + directory.diskBytes();
    }

    @Override
    public void close() {
        data.close();
        directory.close();
    }
}
