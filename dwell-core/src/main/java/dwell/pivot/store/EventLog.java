package dwell.pivot.store;

/**
 * One first-pass thread's indexed events in arrival order: encoded in blocks ({@link EventCodec}) in
 * {@link PagedBytes}, the start of each block, and the segments (runs of one item's consecutive events) that
 * {@link EventOrder} sorts into evidence order. Written by one thread.
 */
public final class EventLog implements AutoCloseable {
    /** Events per block: any event is at most this many decodes from a block's start. */
    public static final int BLOCK = EventCodec.BLOCK;

    final PagedBytes data;
    private final PagedBytes blocks;
    private final EventCodec codec = new EventCodec();
    private int events;
    final Growable.Ints segmentItem = new Growable.Ints();
    final Growable.Ints segmentFormat = new Growable.Ints();
    final Growable.Longs segmentSeq = new Growable.Longs();
    final Growable.Ints segmentStart = new Growable.Ints();
    final Growable.Ints segmentCount = new Growable.Ints();

    public EventLog(SpillSpace space, int id) {
        data = new PagedBytes(space, "events" + id, 16);
        blocks = new PagedBytes(space, "blocks" + id, 2);
    }

    /**
     * Appends an event.
     *
     * @param item   the evidence item's id
     * @param format the item's format ({@link dwell.event.FormatId#number()})
     * @param seq    the event's place among its item's indexed events
     */
    public void append(int item, int format, long seq, EventRecord e) {
        if (events % EventCodec.BLOCK == 0) {
            blocks.writeLong(data.size());
            codec.reset();
        }
        codec.encode(e, data);
        int s = segmentItem.size() - 1;
        if (s >= 0 && segmentItem.get(s) == item && segmentFormat.get(s) == format
                && segmentSeq.get(s) + segmentCount.get(s) == seq) {
            segmentCount.set(s, segmentCount.get(s) + 1);
        } else {
            segmentItem.add(item);
            segmentFormat.add(format);
            segmentSeq.add(seq);
            segmentStart.add(events);
            segmentCount.add(1);
        }
        events++;
    }

    public int events() {
        return events;
    }

    /** Where the block holding local event {@code i} starts in {@link #data}. */
    long blockStart(int i) {
        return blocks.readLong((long) (i / EventCodec.BLOCK) * 8);
    }

    public long memoryBytes() {
        return data.memoryBytes() + blocks.memoryBytes() + segmentItem.bytes() + segmentFormat.bytes()
                + segmentSeq.bytes() + segmentStart.bytes() + segmentCount.bytes();
    }

    public long diskBytes() {
        return data.diskBytes() + blocks.diskBytes();
    }

    @Override
    public void close() {
        data.close();
        blocks.close();
    }
}
