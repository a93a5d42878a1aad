package dwell.pivot;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.format.Format;
import dwell.hunt.Detector;
import dwell.hunt.FindingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first pass's compact memory of every event's indicator values: for each event its position, time,
 * host and (field, value) pairs; sealed into postings (value -> events) so that pivot rounds are lookups,
 * not rescans. Fed as a detector that emits nothing; thread-safe until {@link #seal()}.
 */
public final class EventIndex implements Detector {
    static final long NO_TIME = Long.MIN_VALUE;

    private final PivotFields fields;
    final Dictionary<Value> values = new Dictionary<>();
    final Dictionary<String> names = new Dictionary<>();
    final Dictionary<String> items = new Dictionary<>();
    private final AtomicLong total = new AtomicLong();
    private final List<Shard> shards = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Shard> local = ThreadLocal.withInitial(() -> {
        Shard s = new Shard();
        shards.add(s);
        return s;
    });

    public EventIndex(PivotFields fields) {
        this.fields = fields;
    }

    @Override
    public String id() {
        return "pivot-index";
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        total.incrementAndGet();
        Shard s = local.get();
        int start = s.pairs.n;
        event.forEachField((name, value) -> {
            if (fields.kindOf(name) == null) return;
            int nameId = names.id(name);
            fields.extract(name, value, v -> {
                s.pairs.add(nameId);
                s.pairs.add(values.id(v));
            });
        });
        if (s.pairs.n == start) return;
        Provenance p = event.provenance();
        Instant t = event.time();
        s.start.add(start);
        s.end.add(s.pairs.n);
        s.time.add(t == null ? NO_TIME : t.getEpochSecond() * 1_000_000_000L + t.getNano());
        s.item.add(items.id(p.item()));
        s.line.add(p.line());
        s.record.add(p.record());
        s.host.add(event.host() == null ? -1 : names.id(event.host()));
        s.format.add(event.format().ordinal());
    }

    /** Ends the first pass: orders events by evidence position and builds the postings. */
    public SealedIndex seal() {
        return SealedIndex.of(this, List.copyOf(shards), total.get());
    }

    static Format format(int ordinal) {
        return Format.values()[ordinal];
    }

    /** One thread's events, in arrival order. */
    static final class Shard {
        final Growable.Ints start = new Growable.Ints();
        final Growable.Ints end = new Growable.Ints();
        final Growable.Ints pairs = new Growable.Ints();
        final Growable.Longs time = new Growable.Longs();
        final Growable.Ints item = new Growable.Ints();
        final Growable.Longs line = new Growable.Longs();
        final Growable.Longs record = new Growable.Longs();
        final Growable.Ints host = new Growable.Ints();
        final Growable.Ints format = new Growable.Ints();
    }
}
