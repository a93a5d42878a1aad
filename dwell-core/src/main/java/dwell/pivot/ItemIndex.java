package dwell.pivot;

import dwell.event.Event;
import dwell.pivot.store.ByteArray;
import dwell.pivot.store.ByteSink;
import dwell.pivot.store.ByteSource;
import dwell.pivot.store.EventCodec;
import dwell.pivot.store.EventRecord;
import dwell.pivot.store.Growable;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One item's indexed events as a distributed index keeps them where they were read: each event's position, time, host
 * and (field, value) pairs with the values extracted as {@link EventIndex} extracts them, numbered in the item's order
 * (only events with a value count, as in the index); it answers a join's two questions, which of its events carry
 * given values ({@link #hits}) and what those values are seen with ({@link #statistics}). It is held as one byte array
 * (its strings, its values, its formats' runs, then its events in the local index's {@link EventCodec} encoding), which
 * is also its serialized form: what an executor keeps is about what the local index keeps for the same events.
 */
public final class ItemIndex implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final Kind[] KINDS = Kind.values();

    private final String item;
    /** Events with an indicator field, held or not: what the first pass counted as recorded. */
    private final int recorded;
    /** Events held: those with at least one value. */
    private final int events;
    private final byte[] form;

    private ItemIndex(String item, int recorded, int events, byte[] form) {
        this.item = item;
        this.recorded = recorded;
        this.events = events;
        this.form = form;
    }

    public String item() {
        return item;
    }

    /** Events held: those with at least one value. */
    public int events() {
        return events;
    }

    /** Events the first pass counted here: those held and those with indicator fields but no value. */
    public int recorded() {
        return recorded;
    }

    /** The item's distinct values. */
    public List<Value> values() {
        return List.of(new Decoded().values);
    }

    /** Bytes the item takes in memory (and serialized). */
    public long bytes() {
        return form.length + 2L * item.length() + 64;
    }

    /** What an index entry is handed to: a value an event carries, the first field it came from, and the event. */
    @FunctionalInterface
    public interface EntrySink {
        void entry(Value value, String field, long line, long record, Instant time, String host);
    }

    /** Each event's distinct values, in the item's order, each with the first field that carried it. */
    public void entries(EntrySink sink) {
        Decoded d = new Decoded();
        for (int e = 0; e < events; e++) {
            EventRecord r = d.next();
            Instant t = time(r);
            String h = r.host() < 0 ? null : d.strings[r.host()];
            for (int p = 0; p < r.pairs(); p++) {
                if (!r.repeatsEarlier(p)) sink.entry(d.values[r.value(p)], d.strings[r.name(p)], r.line(), r.record(), t, h);
            }
        }
    }

    /** Each event's values with their field names, in the item's order (to index them in this process). */
    void forEachEvent(IndexedEventSink sink) {
        Decoded d = new Decoded();
        List<String> names = new ArrayList<>();
        List<Value> vs = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            EventRecord r = d.next();
            names.clear();
            vs.clear();
            for (int p = 0; p < r.pairs(); p++) {
                names.add(d.strings[r.name(p)]);
                vs.add(d.values[r.value(p)]);
            }
            sink.event(time(r), r.host() < 0 ? null : d.strings[r.host()], d.format(e), r.line(), r.record(), names, vs);
        }
    }

    /** An event as {@link #forEachEvent} gives it; the lists are reused by the next event. */
    @FunctionalInterface
    interface IndexedEventSink {
        void event(Instant time, String host, String format, long line, long record, List<String> names, List<Value> values);
    }

    /** The events carrying any of {@code wanted}'s values, each once with those it carries, in the item's order. */
    public List<IndexHit> hits(ValueQuery wanted) {
        Decoded d = new Decoded();
        int[][] matches = wanted.matches(d.values);
        List<IndexHit> out = new ArrayList<>();
        if (matches == null) return out;
        Set<Value> found = new LinkedHashSet<>();
        for (int e = 0; e < events; e++) {
            EventRecord r = d.next();
            found.clear();
            carried(r, d, matches, wanted, found);
            if (!found.isEmpty()) out.add(hit(d, e, r, List.copyOf(found)));
        }
        return out;
    }

    /** Each of {@code wanted}'s values this item's events carry, with what they are seen with here. */
    public Map<Value, ValueStatistics> statistics(ValueQuery wanted, Set<Value> refused) {
        Decoded d = new Decoded();
        int[][] matches = wanted.matches(d.values);
        if (matches == null) return new HashMap<>();
        boolean[] refusal = new boolean[d.values.length];
        for (int i = 0; i < d.values.length; i++) refusal[i] = refused.contains(d.values[i]);
        ItemStatistics tally = new ItemStatistics(d.values);
        // slots[i][j]: the tally's slot of wanted value matches[i][j], looked up once per item rather than per event
        int[][] slots = new int[matches.length][];
        int slotCount = 0;
        for (int i = 0; i < matches.length; i++) {
            if (matches[i] == null) continue;
            slots[i] = new int[matches[i].length];
            for (int j = 0; j < matches[i].length; j++) {
                slots[i][j] = tally.slot(wanted.value(matches[i][j]));
                slotCount = Math.max(slotCount, slots[i][j] + 1);
            }
        }
        int[] found = new int[slotCount];
        for (int e = 0; e < events; e++) {
            EventRecord r = d.next();
            int n = 0;
            for (int p = 0; p < r.pairs(); p++) {
                int[] m = matches[r.value(p)];
                if (m == null) continue;
                for (int j = 0; j < m.length; j++) {
                    int s = slots[r.value(p)][j];
                    if (tally.foundIn(s, e)) continue;
                    Value v = wanted.value(m[j]);
                    if (v.kind() == Kind.ACCOUNT_ADDRESS && !carries(r, d, wanted.other(m[j]))) continue;
                    tally.mark(s, e);
                    found[n++] = s;
                }
            }
            if (n == 0) continue;
            boolean served = true;
            for (int p = 0; p < r.pairs(); p++) if (refusal[r.value(p)]) served = false;
            for (int i = 0; i < n; i++) tally.event(found[i], r, served);
        }
        return tally.result();
    }

    /** Adds to {@code found} the wanted values the event carries (a pair's when it carries both halves). */
    private static void carried(EventRecord r, Decoded d, int[][] matches, ValueQuery wanted, Set<Value> found) {
        for (int p = 0; p < r.pairs(); p++) {
            int[] m = matches[r.value(p)];
            if (m == null) continue;
            for (int q : m) {
                Value v = wanted.value(q);
                if (v.kind() != Kind.ACCOUNT_ADDRESS || carries(r, d, wanted.other(q))) found.add(v);
            }
        }
    }

    private static boolean carries(EventRecord r, Decoded d, Value v) {
        for (int p = 0; p < r.pairs(); p++) if (d.values[r.value(p)].equals(v)) return true;
        return false;
    }

    private IndexHit hit(Decoded d, int e, EventRecord r, List<Value> matched) {
        String[] names = new String[r.pairs()];
        Value[] vs = new Value[r.pairs()];
        for (int p = 0; p < r.pairs(); p++) {
            names[p] = d.strings[r.name(p)];
            vs[p] = d.values[r.value(p)];
        }
        return new IndexHit(item, e, time(r), r.host() < 0 ? null : d.strings[r.host()], d.format(e), r.line(), r.record(),
                List.of(names), List.of(vs), matched);
    }

    private static Instant time(EventRecord r) {
        return r.hasTime() ? Instant.ofEpochSecond(r.seconds(), r.nanos()) : null;
    }

    private static void writeText(ByteSink out, String s) {
        out.writeVarLong(s.length());
        for (int i = 0; i < s.length(); i++) out.writeVarLong(s.charAt(i));
    }

    private static String readText(ByteSource in) {
        char[] c = new char[in.readVarInt()];
        for (int i = 0; i < c.length; i++) c[i] = (char) in.readVarInt();
        return new String(c);
    }

    /** The item's dictionary read from its bytes, and its events decoded one after another. */
    private final class Decoded {
        final String[] strings;
        final Value[] values;
        /** Run i holds the events before {@code runEnd[i]}, all of format {@code strings[runFormat[i]]}. */
        final int[] runEnd;
        final int[] runFormat;
        private final ByteArray.Reader in = ByteArray.reader(form, 0);
        private final EventCodec codec = new EventCodec();
        private final EventRecord record = new EventRecord();
        private int run;

        Decoded() {
            strings = new String[in.readVarInt()];
            for (int i = 0; i < strings.length; i++) strings[i] = readText(in);
            values = new Value[in.readVarInt()];
            for (int i = 0; i < values.length; i++) values[i] = new Value(KINDS[in.read()], readText(in));
            runEnd = new int[in.readVarInt()];
            runFormat = new int[runEnd.length];
            for (int i = 0; i < runEnd.length; i++) {
                runEnd[i] = in.readVarInt();
                runFormat[i] = in.readVarInt();
            }
        }

        EventRecord next() {
            codec.decode(in, record);
            return record;
        }

        /** The format of event {@code e}, asked in increasing order. */
        String format(int e) {
            while (e >= runEnd[run]) run++;
            return strings[runFormat[run]];
        }
    }

    /** Builds an item's index from its events as they are read, encoding each at once. Written by one thread. */
    static final class Builder {
        private final String item;
        private final PivotFields fields;
        private final Map<String, Integer> stringIds = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private final Map<Value, Integer> valueIds = new HashMap<>();
        private final List<Value> values = new ArrayList<>();
        /** Per field name id: its raw texts' value ids (a log repeats its values: addresses, agents, statuses). */
        private final List<Map<String, int[]>> extracted = new ArrayList<>();
        private final Growable.Ints runEnd = new Growable.Ints(2);
        private final Growable.Ints runFormat = new Growable.Ints(2);
        private final ByteArray events = new ByteArray(1024);
        private final EventCodec codec = new EventCodec();
        private final EventRecord record = new EventRecord();
        private final Growable.Ints found = new Growable.Ints(4);
        private int recorded;
        private int held;
        private boolean sawField;
        /** What the dictionaries hold in the heap, roughly (entries and texts), for {@link #bytes()}. */
        private long dictionaryBytes;
        /** A dictionary entry's cost beside its text: the map's node, the key object, the list's slot. */
        private static final int ENTRY = 80;

        Builder(String item, PivotFields fields) {
            this.item = item;
            this.fields = fields;
        }

        /** A builder that goes on from a built item (whose events were not all read in one run). */
        static Builder resume(ItemIndex built, PivotFields fields) {
            Builder b = new Builder(built.item, fields);
            Decoded d = built.new Decoded();
            for (String s : d.strings) b.string(s);
            for (Value v : d.values) b.value(v);
            for (int i = 0; i < d.runEnd.length; i++) {
                b.runEnd.add(d.runEnd[i]);
                b.runFormat.add(d.runFormat[i]);
            }
            int start = d.in.position();
            // decoding every event brings the codec where encoding them left it: the next event is encoded against the last
            for (int e = 0; e < built.events; e++) b.codec.decode(d.in, b.record);
            for (int i = start; i < built.form.length; i++) b.events.write(built.form[i]);
            b.recorded = built.recorded;
            b.held = built.events;
            return b;
        }

        /** Takes in an event; false when it has no indicator field at all (nothing recorded). */
        boolean add(Event e) {
            record.clearPairs();
            sawField = false;
            e.forEachField((name, raw) -> {
                if (raw == null || fields.kindOf(name) == null) return;
                sawField = true;
                int nameId = string(name);
                for (int v : extracted(nameId, name, raw)) record.addPair(nameId, v);
            });
            if (!sawField) return false;
            recorded++;
            if (record.pairs() == 0) return true;
            Instant t = e.time();
            record.time(t != null, t == null ? 0 : t.getEpochSecond(), t == null ? 0 : t.getNano());
            record.host(e.host() == null ? -1 : string(e.host()));
            record.position(e.provenance().line(), e.provenance().record());
            int format = string(e.format().id());
            int last = runFormat.size() - 1;
            if (last >= 0 && runFormat.get(last) == format) runEnd.set(last, held + 1);
            else {
                runFormat.add(format);
                runEnd.add(held + 1);
            }
            codec.encode(record, events);
            held++;
            return true;
        }

        /** The value ids a field's raw text gives, extracted once per distinct text of the field in the item. */
        private int[] extracted(int nameId, String name, String raw) {
            while (extracted.size() <= nameId) extracted.add(null);
            Map<String, int[]> byRaw = extracted.get(nameId);
            if (byRaw == null) extracted.set(nameId, byRaw = new HashMap<>());
            int[] ids = byRaw.get(raw);
            if (ids == null) {
                found.clear();
                fields.extract(name, raw, v -> found.add(value(v)));
                ids = found.toArray();
                byRaw.put(raw, ids);
                dictionaryBytes += ENTRY + raw.length();
            }
            return ids;
        }

        /** Heap bytes the builder holds, roughly: its encoded events and its dictionaries (entries and texts). */
        long bytes() {
            return events.capacity() + dictionaryBytes;
        }

        String item() {
            return item;
        }

        /** The item's index, in its byte form; the builder's dictionaries are let go. */
        ItemIndex build() {
            ByteArray out = new ByteArray(events.size() + 16 * (strings.size() + values.size()) + 64);
            out.writeVarLong(strings.size());
            for (String s : strings) writeText(out, s);
            out.writeVarLong(values.size());
            for (Value v : values) {
                out.write(v.kind().ordinal());
                writeText(out, v.value());
            }
            out.writeVarLong(runEnd.size());
            for (int i = 0; i < runEnd.size(); i++) {
                out.writeVarLong(runEnd.get(i));
                out.writeVarLong(runFormat.get(i));
            }
            byte[] head = out.toArray();
            byte[] body = events.toArray();
            byte[] form = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, form, head.length, body.length);
            return new ItemIndex(item, recorded, held, form);
        }

        private int string(String s) {
            Integer id = stringIds.get(s);
            if (id != null) return id;
            stringIds.put(s, strings.size());
            strings.add(s);
            dictionaryBytes += ENTRY + s.length();
            return strings.size() - 1;
        }

        private int value(Value v) {
            Integer id = valueIds.get(v);
            if (id != null) return id;
            valueIds.put(v, values.size());
            values.add(v);
            dictionaryBytes += ENTRY + v.value().length();
            return values.size() - 1;
        }
    }
}
