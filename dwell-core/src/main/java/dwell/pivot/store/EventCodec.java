package dwell.pivot.store;

/**
 * The compact encoding of indexed events (an {@link EventLog}'s, an item's on a cluster): each event against the one before it in its block of
 * {@link #BLOCK} events (time as a difference of seconds, line and record only when not the next one, host
 * only when it changes, and for the same field names as before only the values that changed, by a bit mask).
 * A block starts from nothing, so any event is at most {@code BLOCK - 1} decodes from its block's start.
 */
public final class EventCodec {
    /** Events an {@link EventLog} encodes from a fresh start. */
    public static final int BLOCK = 32;

    private static final int TIME = 1;
    private static final int NANOS = 2;
    private static final int HOST = 4;
    private static final int LINE = 8;
    private static final int RECORD = 16;
    private static final int NAMES = 32;
    /** A value mask is a long: events with more pairs list their names. */
    private static final int MAX_MASKED = 63;

    private long seconds;
    private int host;
    private long line;
    private long record;
    private final EventRecord previous = new EventRecord();

    public EventCodec() {
        reset();
    }

    /** Starts a block. */
    public void reset() {
        seconds = 0;
        host = -1;
        line = 0;
        record = 0;
        previous.clearPairs();
    }

    /** Line and record numbers mostly count up by one (0 stays 0: a source without them). */
    private static long guess(long previous) {
        return previous == 0 ? 0 : previous + 1;
    }

    /** Appends the event, against the one encoded before it. */
    public void encode(EventRecord e, ByteSink out) {
        long lineGuess = guess(line);
        long recordGuess = guess(record);
        boolean sameNames = sameNames(e);
        int flags = (e.hasTime ? TIME : 0) | (e.hasTime && e.nanos != 0 ? NANOS : 0) | (e.host != host ? HOST : 0)
                | (e.line != lineGuess ? LINE : 0) | (e.record != recordGuess ? RECORD : 0) | (sameNames ? 0 : NAMES);
        out.write(flags);
        if (e.hasTime) {
            out.writeSignedVarLong(e.seconds - seconds);
            seconds = e.seconds;
            if (e.nanos != 0) out.writeVarLong(e.nanos);
        }
        if (e.host != host) out.writeVarLong(e.host + 1L);
        if (e.line != lineGuess) out.writeSignedVarLong(e.line - lineGuess);
        if (e.record != recordGuess) out.writeSignedVarLong(e.record - recordGuess);
        host = e.host;
        line = e.line;
        record = e.record;
        if (sameNames) {
            long mask = 0;
            for (int i = 0; i < e.pairs(); i++) {
                if (e.value(i) != previous.value(i)) mask |= 1L << i;
            }
            out.writeVarLong(mask);
            for (int i = 0; i < e.pairs(); i++) {
                if ((mask & 1L << i) != 0) out.writeVarLong(e.value(i));
            }
        } else {
            out.writeVarLong(e.pairs());
            for (int i = 0; i < e.pairs(); i++) {
                out.writeVarLong(e.name(i));
                out.writeVarLong(e.value(i));
            }
        }
        previous.clearPairs();
        for (int i = 0; i < e.pairs(); i++) previous.addPair(e.name(i), e.value(i));
    }

    private boolean sameNames(EventRecord e) {
        if (e.pairs() != previous.pairs() || e.pairs() > MAX_MASKED || e.pairs() == 0) return false;
        for (int i = 0; i < e.pairs(); i++) {
            if (e.name(i) != previous.name(i)) return false;
        }
        return true;
    }

    /** Reads the next event into {@code e}, against the one decoded before it. */
    public void decode(ByteSource in, EventRecord e) {
        int flags = in.read();
        e.hasTime = (flags & TIME) != 0;
        e.nanos = 0;
        e.seconds = 0;
        if (e.hasTime) {
            seconds += in.readSignedVarLong();
            e.seconds = seconds;
            if ((flags & NANOS) != 0) e.nanos = in.readVarInt();
        }
        if ((flags & HOST) != 0) host = (int) (in.readVarLong() - 1);
        line = (flags & LINE) != 0 ? guess(line) + in.readSignedVarLong() : guess(line);
        record = (flags & RECORD) != 0 ? guess(record) + in.readSignedVarLong() : guess(record);
        e.host = host;
        e.line = line;
        e.record = record;
        e.clearPairs();
        if ((flags & NAMES) == 0) {
            long mask = in.readVarLong();
            for (int i = 0; i < previous.pairs(); i++) {
                e.addPair(previous.name(i), (mask & 1L << i) != 0 ? in.readVarInt() : previous.value(i));
            }
        } else {
            int n = in.readVarInt();
            for (int i = 0; i < n; i++) e.addPair(in.readVarInt(), in.readVarInt());
        }
        previous.clearPairs();
        for (int i = 0; i < e.pairs(); i++) previous.addPair(e.name(i), e.value(i));
    }
}
