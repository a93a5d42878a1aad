package dwell.pivot.store;

/** The events carrying one value, in evidence order, read one at a time without materialising them. */
public final class Postings {
    /** No events. */
    public static final Postings NONE = new Postings(null, 0);

    private final PagedBytes.Reader in;
    private final int count;
    private int left;
    private int last;

    Postings(PagedBytes.Reader in, int count) {
        this.in = in;
        this.count = count;
        this.left = count;
    }

    /** How many events carry the value. */
    public int count() {
        return count;
    }

    /** The next event, or -1 after the last. */
    public int next() {
        if (left == 0) return -1;
        left--;
        last += in.readVarInt();
        return last;
    }
}
