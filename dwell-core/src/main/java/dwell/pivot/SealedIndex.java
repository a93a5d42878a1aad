package dwell.pivot;

import dwell.event.FormatId;
import dwell.pivot.store.EventLog;
import dwell.pivot.store.EventOrder;
import dwell.pivot.store.EventReader;
import dwell.pivot.store.EventRecord;
import dwell.pivot.store.Growable;
import dwell.pivot.store.PostingLists;
import dwell.pivot.store.Postings;
import dwell.pivot.store.PostingsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The event index after the first pass: events in evidence order and, per value, the events that carry it.
 * Events and postings live in pages that may have spilled to disk; queries decode what they need.
 * {@link #close()} deletes the spill files.
 */
public final class SealedIndex implements PivotIndex {
    private static final int VALUE_CACHE = 1 << 16;
    /** Fewer events than this are not worth a range of their own (a thread's start, a part's arrays per value). */
    private static final int MIN_RANGE = 1 << 16;

    private final EventIndex source;
    private final List<String> names;
    private final List<String> items;
    private final EventOrder order;
    private final List<EventLog> logs;
    private final PostingLists postings;
    /** Each value id's kind (ordinal): read for every pair that {@link #distinctAlongside} looks at. */
    private final byte[] kinds;
    private final long totalEvents;
    private final long unindexed;
    private final Set<String> serverAddresses = new HashSet<>();
    private final EventReader events;
    private final EventReader alongside;
    private final Map<Integer, Value> valueCache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Value> eldest) {
            return size() > VALUE_CACHE;
        }
    };

    private SealedIndex(EventIndex source, EventOrder order, List<EventLog> logs, PostingLists postings,
                        long totalEvents, long unindexed) {
        this.source = source;
        this.names = source.names.snapshot();
        this.items = source.items.snapshot();
        this.order = order;
        this.logs = logs;
        this.postings = postings;
        this.kinds = source.values.tags();
        this.totalEvents = totalEvents;
        this.unindexed = unindexed;
        this.events = new EventReader(order, logs);
        this.alongside = new EventReader(order, logs);
        for (int id = 0; id < kinds.length; id++) {
            if (kinds[id] == Kind.SERVER_IP.ordinal()) serverAddresses.add(source.values.text(id));
        }
    }

    /** Reads every event once into the postings: {@code ranges} consecutive ranges of them side by side, each into its own part. */
    static SealedIndex of(EventIndex idx, EventOrder order, List<EventLog> logs, int ranges, long totalEvents, long unindexed) {
        PostingsBuilder builder = new PostingsBuilder(idx.space, idx.values.size());
        int events = order.events();
        List<PostingsBuilder.Part> parts = builder.parts(ranges);
        PostingLists lists;
        try {
            IntStream.range(0, ranges).parallel().forEach(p -> read(order, logs,
                    (int) ((long) events * p / ranges), (int) ((long) events * (p + 1) / ranges), parts.get(p)));
            lists = builder.finish();
        } catch (RuntimeException | Error x) {
            builder.abandon();
            throw x;
        }
        return new SealedIndex(idx, order, logs, lists, totalEvents, unindexed);
    }

    /** How many ranges the seal reads side by side: one per core, none smaller than {@link #MIN_RANGE} events (a small index in one, on this thread). */
    static int ranges(int events, int cores) {
        return Math.max(1, Math.min(cores, events / MIN_RANGE));
    }

    /** Events {@code from} (inclusive) to {@code to}'s pairs into a part. */
    private static void read(EventOrder order, List<EventLog> logs, int from, int to, PostingsBuilder.Part part) {
        EventReader reader = new EventReader(order, logs);
        for (int e = from; e < to; e++) {
            EventRecord r = reader.at(e);
            for (int i = 0; i < r.pairs(); i++) {
                if (!r.repeatsEarlier(i)) part.add(r.value(i), e);
            }
        }
    }

    /** Events the index holds (those with at least one indexed value). */
    public int size() {
        return order.events();
    }

    /** All events of the first pass, indexed or not. */
    public long totalEvents() {
        return totalEvents;
    }

    /** The server's own addresses, as its logs name them (s-ip and the like). */
    public Set<String> serverAddresses() {
        return serverAddresses;
    }

    /** The events carrying a value (both values of an account-address pair), in evidence order, one at a time. */
    public Postings postings(Value v) {
        if (v.kind() == Kind.ACCOUNT_ADDRESS) return both(v);
        int id = source.values.find(v.kind().ordinal(), v.value());
        return id < 0 ? Postings.NONE : postings.postings(id);
    }

    /** The events carrying an account and an address together, found along the rarer of the two. */
    private synchronized Postings both(Value pair) {
        Value[] parts = pair.parts();
        int account = source.values.find(Kind.ACCOUNT.ordinal(), parts[0].value());
        int address = source.values.find(Kind.IP.ordinal(), parts[1].value());
        if (account < 0 || address < 0) return Postings.NONE;
        boolean byAccount = postings.count(account) <= postings.count(address);
        Postings walk = postings.postings(byAccount ? account : address);
        int other = byAccount ? address : account;
        Growable.Ints found = new Growable.Ints(16);
        for (int e = walk.next(); e >= 0; e = walk.next()) {
            if (carries(alongside.at(e), other)) found.add(e);
        }
        return Postings.of(found.toArray());
    }

    private static boolean carries(EventRecord r, int valueId) {
        for (int j = 0; j < r.pairs(); j++) {
            if (r.value(j) == valueId) return true;
        }
        return false;
    }

    /** True when the event carries one of these values. */
    public synchronized boolean carriesAny(int e, Set<Value> values) {
        return carriesAny(alongside.at(e), ids(values));
    }

    private static boolean carriesAny(EventRecord r, int[] valueIds) {
        for (int id : valueIds) {
            if (carries(r, id)) return true;
        }
        return false;
    }

    /** The ids of those values the index holds. */
    private int[] ids(Set<Value> values) {
        return values.stream().mapToInt(v -> source.values.find(v.kind().ordinal(), v.value())).filter(id -> id >= 0).toArray();
    }

    /** How many events carry a value, without reading them. */
    public int count(Value v) {
        int id = source.values.find(v.kind().ordinal(), v.value());
        return id < 0 ? 0 : postings.count(id);
    }

    /** How many distinct values of {@code kind} occur in the events that carry {@code v}, stopping past {@code cap}. */
    public synchronized int distinctAlongside(Value v, Kind kind, int cap) {
        return distinctAlongside(v, kind, cap, Set.of());
    }

    /** The same, leaving out the events that carry one of {@code unless} (a refused request's status). */
    public synchronized int distinctAlongside(Value v, Kind kind, int cap, Set<Value> unless) {
        Set<Integer> seen = new HashSet<>();
        int[] skip = ids(unless);
        Postings p = postings(v);
        for (int e = p.next(); e >= 0; e = p.next()) {
            EventRecord r = alongside.at(e);
            if (carriesAny(r, skip)) continue;
            for (int j = 0; j < r.pairs(); j++) {
                if (kinds[r.value(j)] == kind.ordinal() && seen.add(r.value(j)) && seen.size() > cap) return seen.size();
            }
        }
        return seen.size();
    }

    public synchronized Instant time(int e) {
        EventRecord r = events.at(e);
        return r.hasTime() ? Instant.ofEpochSecond(r.seconds(), r.nanos()) : null;
    }

    public synchronized String item(int e) {
        return items.get(events.item(e));
    }

    public synchronized long line(int e) {
        return events.at(e).line();
    }

    public synchronized long record(int e) {
        return events.at(e).record();
    }

    public synchronized String host(int e) {
        int h = events.at(e).host();
        return h < 0 ? null : names.get(h);
    }

    public synchronized FormatId format(int e) {
        return FormatId.byNumber(events.format(e));
    }

    /** The event's indexed fields (source-native names) with their normalised values. */
    public synchronized Map<String, String> fields(int e) {
        Map<String, String> m = new LinkedHashMap<>();
        EventRecord r = events.at(e);
        for (int j = 0; j < r.pairs(); j++) m.putIfAbsent(names.get(r.name(j)), value(r.value(j)).value());
        return m;
    }

    /** The event's values with the field each came from. */
    public synchronized List<Map.Entry<String, Value>> values(int e) {
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        EventRecord r = events.at(e);
        for (int j = 0; j < r.pairs(); j++) out.add(Map.entry(names.get(r.name(j)), value(r.value(j))));
        return out;
    }

    private Value value(int id) {
        Value v = valueCache.get(id);
        if (v == null) {
            v = new Value(Kind.values()[kinds[id]], source.values.text(id));
            valueCache.put(id, v);
        }
        return v;
    }

    /** Heap bytes the index keeps: resident pages of events, values and postings, the dictionary, the order. */
    public long bytes() {
        long b = order.memoryBytes() + postings.memoryBytes() + source.values.memoryBytes() + 16 + kinds.length
                + source.names.bytes() + source.items.bytes();
        for (EventLog g : logs) b += g.memoryBytes();
        return b;
    }

    /** Bytes the index spilled to disk. */
    public long diskBytes() {
        long b = postings.diskBytes() + source.values.diskBytes();
        for (EventLog g : logs) b += g.diskBytes();
        return b;
    }

    /** Distinct values in the index. */
    public int distinctValues() {
        return kinds.length;
    }

    /** Why the index stopped growing during the first pass, or null if it holds every event. */
    public String limit() {
        return source.space.limit();
    }

    /** Events of the first pass that a limit kept out of the index. */
    public long unindexedEvents() {
        return unindexed;
    }

    /** Deletes the spill files and frees the pages. */
    @Override
    public void close() {
        postings.close();
        source.close();
    }
}
