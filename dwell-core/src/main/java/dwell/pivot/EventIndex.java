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
    /** Each item's events in the order its reader gave them: a tie-free, thread-independent order. */
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> sequence = new java.util.concurrent.ConcurrentHashMap<>();
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
            if (value == null || fields.kindOf(name) == null) return;
            int nameId = s.nameIds.computeIfAbsent(name, names::id);
            s.valuesOf(nameId, value, fields, names, values);
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
        s.seq.add(sequence.computeIfAbsent(p.item(), k -> new AtomicLong()).getAndIncrement());
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
        /** Field names are mostly the same String instances (a log's header), so identity finds them fastest. */
        final java.util.Map<String, Integer> nameIds = new java.util.HashMap<>();
        /** The last raw value seen per field and the value ids it gave: consecutive events repeat most values. */
        private String[] lastRaw = new String[16];
        private int[][] lastIds = new int[16][];

        final Growable.Ints start = new Growable.Ints();
        final Growable.Ints end = new Growable.Ints();
        final Growable.Ints pairs = new Growable.Ints();
        final Growable.Longs time = new Growable.Longs();
        final Growable.Ints item = new Growable.Ints();
        final Growable.Longs line = new Growable.Longs();
        final Growable.Longs record = new Growable.Longs();
        final Growable.Longs seq = new Growable.Longs();
        final Growable.Ints host = new Growable.Ints();
        final Growable.Ints format = new Growable.Ints();

        void valuesOf(int nameId, String raw, PivotFields fields, Dictionary<String> names, Dictionary<Value> values) {
            if (nameId >= lastRaw.length) {
                lastRaw = java.util.Arrays.copyOf(lastRaw, nameId * 2 + 1);
                lastIds = java.util.Arrays.copyOf(lastIds, nameId * 2 + 1);
            }
            int[] ids = lastIds[nameId];
            if (ids == null || !raw.equals(lastRaw[nameId])) {
                Growable.Ints found = new Growable.Ints(4);
                fields.extract(names.get(nameId), raw, v -> found.add(values.id(v)));
                ids = java.util.Arrays.copyOf(found.a, found.n);
                lastRaw[nameId] = raw;
                lastIds[nameId] = ids;
            }
            for (int id : ids) {
                pairs.add(nameId);
                pairs.add(id);
            }
        }
    }
}
