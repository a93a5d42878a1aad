package dwell.pivot.store;

/** The events carrying one value, in evidence order, read one at a time without materialising them. */
public final class Postings {
    /** No events. */
    public static final Postings NONE = new Postings(null, 0);

    private final PagedBytes.Reader in;
    /** The events themselves, when they were picked out (not read from a posting list). */
    private final int[] listed;
    private final int count;
    private int left;
    private int last;

    Postings(PagedBytes.Reader in, int count) {
        this.in = in;
        this.listed = null;
        this.count = count;
        this.left = count;
    }

    private Postings(int[] events) {
        this.in = null;
        this.listed = events;
        this.count = events.length;
        this.left = count;
    }

    /** These events, in the order given (evidence order, as every posting list). */
    public static Postings of(int[] events) {
        return new Postings(events.clone());
    }

    /** How many events carry the value. */
    public int count() {
        return count;
    }

    /** The next event, or -1 after the last. */
    public int next() {
        if (left == 0) return -1;
        left--;
        if (listed != null) return listed[count - left - 1];
        last += in.readVarInt();
        return last;
    }
}
