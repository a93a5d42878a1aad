package dwell.pivot.store;

import java.util.List;

/**
 * Reads indexed events by their number in evidence order. Reading forward decodes on from the last event; a
 * jump starts at the block's first event. The record returned is reused by the next call. Not thread-safe.
 */
public final class EventReader {
    private final EventOrder order;
    private final List<EventLog> logs;
    private final EventCodec codec = new EventCodec();
    private final EventRecord record = new EventRecord();
    private PagedBytes.Reader in;
    private int inLog = -1;
    private int segment = -1;
    /** The log-local number of the event last decoded (held in {@link #record}) in log {@link #inLog}. */
    private int decoded = -1;
    private int current = -1;

    public EventReader(EventOrder order, List<EventLog> logs) {
        this.order = order;
        this.logs = logs;
    }

    /** Event {@code e}; valid until the next call. */
    public EventRecord at(int e) {
        if (e == current) return record;
        if (e < 0 || e >= order.events()) throw new IndexOutOfBoundsException("no indexed event " + e);
        if (segment < 0 || e < order.start(segment) || e >= order.start(segment + 1)) segment = order.segmentOf(e);
        int log = order.log(segment);
        int local = order.localStart(segment) + (e - order.start(segment));
        if (log != inLog || local <= decoded || local - decoded > EventCodec.BLOCK) {
            EventLog g = logs.get(log);
            if (log != inLog) {
                in = g.data.reader(0);
                inLog = log;
            }
            in.seek(g.blockStart(local));
            decoded = local / EventCodec.BLOCK * EventCodec.BLOCK - 1;
        }
        while (decoded < local) {
            decoded++;
            if (decoded % EventCodec.BLOCK == 0) codec.reset();
            codec.decode(in, record);
        }
        current = e;
        return record;
    }

    /** The item id of event {@code e}. */
    public int item(int e) {
        at(e);
        return order.item(segment);
    }

    /** The format ({@link dwell.event.FormatId#number()}) of event {@code e}. */
    public int format(int e) {
        at(e);
        return order.format(segment);
    }
}
