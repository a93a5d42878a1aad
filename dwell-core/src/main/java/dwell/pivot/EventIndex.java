package dwell.pivot;

import dwell.event.Event;
import dwell.event.FieldNameCache;
import dwell.event.FormatId;
import dwell.event.Provenance;
import dwell.hunt.MergingDetector;
import dwell.hunt.FindingSink;
import dwell.pivot.store.EventLog;
import dwell.pivot.store.EventOrder;
import dwell.pivot.store.EventRecord;
import dwell.pivot.store.Growable;
import dwell.pivot.store.IndexBudget;
import dwell.pivot.store.SpillSpace;
import dwell.pivot.store.TextDictionary;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first pass's compact memory of every event's indicator values: for each event its position, time,
 * host and (field, value) pairs; sealed into postings (value -> events) so that pivot rounds are lookups,
 * not rescans. Fed as a detector that emits nothing; thread-safe until {@link #seal()}. It holds at most its
 * {@link IndexBudget}'s memory and spills beyond; at a limit (disk budget, full disk, too many events or values)
 * it stops growing and says why ({@link SealedIndex#limit()}). {@link #close()} deletes the spill files.
 */
public final class EventIndex implements MergingDetector, AutoCloseable {
    /** Event numbers are ints: past this many the index stops growing. */
    static final long MAX_EVENTS = Integer.MAX_VALUE;

    private final PivotFields fields;
    final SpillSpace space;
    final TextDictionary values;
    final Dictionary<String> names = new Dictionary<>();
    final Dictionary<String> items = new Dictionary<>();
    /** Per field name as events spell it: its id in {@link #names} when it carries a kind, else -1. */
    private final FieldNameCache<Integer> indexedNames;
    private final long maxEvents;
    private final LongAdder total = new LongAdder();
    private final LongAdder unindexed = new LongAdder();
    /** Event numbers handed to the threads, a block at a time, so that the count is checked once a block. */
    private final AtomicLong reserved = new AtomicLong();
    /** Each item's events in the order its reader gave them: a tie-free, thread-independent order. */
    private final ConcurrentHashMap<String, AtomicLong> sequence = new ConcurrentHashMap<>();
    private final List<Shard> shards = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Shard> local;
    private volatile boolean sealed;
    private KeptEvents kept;

    /** An index within the default budget: a quarter of the heap, spilling to the JVM's temp folder. */
    public EventIndex(PivotFields fields) {
        this(fields, IndexBudget.defaults());
    }

    public EventIndex(PivotFields fields, IndexBudget budget) {
        this(fields, new SpillSpace(budget), TextDictionary.STRONG, MAX_EVENTS);
    }

    /** With a chosen space (page size), value fingerprint and event limit, so tests can force spills, collisions, limits. */
    EventIndex(PivotFields fields, SpillSpace space, TextDictionary.Fingerprint fingerprint, long maxEvents) {
        this.fields = fields;
        this.space = space;
        this.values = new TextDictionary(space, fingerprint);
        this.maxEvents = maxEvents;
        this.indexedNames = new FieldNameCache<>(name -> fields.kindOf(name) == null ? -1 : names.id(name));
        this.local = ThreadLocal.withInitial(() -> {
            Shard s = new Shard(new EventLog(space, shards.size()));
            shards.add(s);
            return s;
        });
    }

    /** Hands every event indexed from now on to {@code kept} too; set before the first pass. */
    public EventIndex keeping(KeptEvents kept) {
        this.kept = kept;
        return this;
    }

    public IndexBudget budget() {
        return space.budget();
    }

    @Override
    public String id() {
        return "pivot-index";
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (!growing()) return;
        try {
            Shard s = local.get();
            s.record.clearPairs();
            event.forEachField((name, value) -> {
                if (value == null) return;
                int nameId = indexedNames.get(name);
                if (nameId >= 0) s.valuesOf(nameId, value);
            });
            if (s.record.pairs() == 0) return;
            Instant t = event.time();
            Provenance p = event.provenance();
            if (!s.append(p.item(), event.format().number(), t, event.host(), p.line(), p.record())) {
                unindexed.increment();
            } else if (kept != null) {
                kept.keep(event);
            }
        } catch (OutOfMemoryError e) {
            heapRanOut();
        }
    }

    /** Counts an event; false (and counted as unindexed) when the index no longer grows. */
    private boolean growing() {
        total.increment();
        if (sealed || space.limit() != null) {
            unindexed.increment();
            return false;
        }
        return true;
    }

    private void heapRanOut() {
        space.limit("the heap ran out while indexing (give the JVM more with -Xmx, or the index less with --pivot-memory)");
        unindexed.increment();
    }

    /** Indexes a share's items as its {@link IndexFeed} built them, each item's events in its reader's order. */
    @Override
    public void merge(Serializable part) {
        IndexFeed.Part p = (IndexFeed.Part) part;
        // each item keeps its own sequence, so items are taken in side by side (as the local engine's threads read them)
        p.items().parallelStream().forEach(this::merge);
        total.add(p.bare());
        unindexed.add(p.unindexed());
        if (p.limit() != null) space.limit(p.limit());
    }

    /** An item's events with their values extracted already: only the ids are this index's own. */
    private void merge(ItemIndex item) {
        total.add(item.recorded() - item.events());
        item.forEachEvent((time, host, format, line, record, fieldNames, values) -> {
            if (!growing()) return;
            try {
                Shard s = local.get();
                s.record.clearPairs();
                for (int i = 0; i < values.size(); i++) {
                    s.record.addPair(s.nameIds.computeIfAbsent(fieldNames.get(i), names::id), s.valueId(values.get(i)));
                }
                if (!s.append(item.item(), FormatId.of(format).number(), time, host, line, record)) unindexed.increment();
            } catch (OutOfMemoryError e) {
                heapRanOut();
            }
        });
    }

    /** Ends the first pass: orders events by evidence position and builds the postings, reading them on every core. */
    public SealedIndex seal() {
        return seal(0);
    }

    /** The same, the events read in {@code ranges} side by side (0: one per core, none too small). */
    SealedIndex seal(int ranges) {
        sealed = true;
        space.firstPassOver();
        List<EventLog> logs = new ArrayList<>();
        for (Shard s : shards) {
            logs.add(s.log);
            s.release();
        }
        EventOrder order = EventOrder.of(logs, itemRanks(items.snapshot()));
        int n = ranges > 0 ? ranges : SealedIndex.ranges(order.events(), Runtime.getRuntime().availableProcessors());
        return SealedIndex.of(this, order, logs, n, total.sum(), unindexed.sum());
    }

    /** Deletes the spill files and frees the pages; the index (sealed or not) is unusable after. */
    @Override
    public void close() {
        synchronized (shards) {
            for (Shard s : shards) s.log.close();
        }
        values.close();
        space.close();
    }

    /** Each item id's position in path order. */
    private static int[] itemRanks(List<String> items) {
        Integer[] ids = new Integer[items.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        Arrays.sort(ids, Comparator.comparing(items::get));
        int[] rank = new int[ids.length];
        for (int r = 0; r < ids.length; r++) rank[ids[r]] = r;
        return rank;
    }

    /** One thread's events and the caches that keep its hot path off shared maps. */
    private final class Shard {
        private static final int VALUE_CACHE = 1 << 14;

        final EventLog log;
        final EventRecord record = new EventRecord();
        /** The ids of the field names of the items merged here (a share's parts). */
        Map<String, Integer> nameIds = new HashMap<>();
        /** The value ids each field's recent texts gave: a log repeats its values, though seldom on consecutive lines. */
        private ExtractedValues extracted = new ExtractedValues(ExtractedValues.MAX_CHARS);
        /** Recent values' ids: the shared dictionary is asked only for values this thread has not seen lately. */
        private Map<Value, Integer> valueIds = new HashMap<>();
        private String lastItem;
        private int itemId;
        private AtomicLong itemSeq;
        private String lastHost;
        private int hostId = -1;

        Shard(EventLog log) {
            this.log = log;
        }

        void valuesOf(int nameId, String raw) {
            int[] ids = extracted.get(nameId, raw);
            if (ids == null) {
                Growable.Ints found = new Growable.Ints(4);
                fields.extract(names.get(nameId), raw, v -> found.add(valueId(v)));
                ids = found.toArray();
                extracted.put(nameId, raw, ids);
            }
            for (int id : ids) record.addPair(nameId, id);
        }

        int valueId(Value v) {
            Integer id = valueIds.get(v);
            if (id != null) return id;
            int fresh = values.intern(v.kind().ordinal(), v.value());
            if (valueIds.size() >= VALUE_CACHE) valueIds.clear();
            valueIds.put(v, fresh);
            return fresh;
        }

        /** Appends the event whose pairs are in {@link #record}; false when the index may not grow. */
        boolean append(String item, int format, Instant t, String host, long line, long recordNumber) {
            if (log.events() % EventLog.BLOCK == 0 && reserved.addAndGet(EventLog.BLOCK) > maxEvents) {
                space.limit("more than " + maxEvents + " events carry indicator values (event numbers are 32-bit)");
                return false;
            }
            if (!item.equals(lastItem)) {
                lastItem = item;
                itemId = items.id(lastItem);
                itemSeq = sequence.computeIfAbsent(lastItem, k -> new AtomicLong());
            }
            if (host == null) {
                hostId = -1;
                lastHost = null;
            } else if (!host.equals(lastHost)) {
                lastHost = host;
                hostId = names.id(host);
            }
            record.time(t != null, t == null ? 0 : t.getEpochSecond(), t == null ? 0 : t.getNano());
            record.host(hostId);
            record.position(line, recordNumber);
            log.append(itemId, format, itemSeq.getAndIncrement(), record);
            return true;
        }

        /** Drops the caches once the first pass is over; the log lives on in the sealed index. */
        void release() {
            nameIds = Map.of();
            valueIds = Map.of();
            extracted = new ExtractedValues(0);
        }
    }
}
