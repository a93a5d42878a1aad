package dwell.pivot;

import dwell.event.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One item's indexed events as a distributed index keeps them where they were read: each event's position, time, host
 * and (field, value) pairs with the values extracted as {@link EventIndex} extracts them, numbered in the item's order
 * (only events with a value count, as in the index); it answers a join's two questions, which of its events carry
 * given values ({@link #hits}) and what those values are seen with ({@link #statistics}).
 */
public final class ItemIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String item;
    /** Events replayed, with a value or not: what the first pass counted. */
    private final int recorded;
    private final String[] strings;
    private final Value[] values;
    private final long[] seconds;
    /** -1 for an event without a time. */
    private final int[] nanos;
    /** The format's id, as an index into {@link #strings} (format numbers differ between JVMs). */
    private final int[] format;
    /** Index into {@link #strings}, -1 for none. */
    private final int[] host;
    private final long[] line;
    private final long[] record;
    /** Event i's pairs are {@code [pairStart[i], pairStart[i + 1])}. */
    private final int[] pairStart;
    private final int[] pairName;
    private final int[] pairValue;

    private ItemIndex(Builder b) {
        item = b.item;
        recorded = b.recorded;
        strings = b.strings.toArray(String[]::new);
        values = b.values.toArray(Value[]::new);
        int n = b.events;
        seconds = Arrays.copyOf(b.seconds, n);
        nanos = Arrays.copyOf(b.nanos, n);
        format = Arrays.copyOf(b.format, n);
        host = Arrays.copyOf(b.host, n);
        line = Arrays.copyOf(b.line, n);
        record = Arrays.copyOf(b.record, n);
        pairStart = Arrays.copyOf(b.pairStart, n + 1);
        pairName = Arrays.copyOf(b.pairName, b.pairs);
        pairValue = Arrays.copyOf(b.pairValue, b.pairs);
    }

    /** The item's events as its share's {@link IndexFeed} recorded them. */
    static ItemIndex of(IndexedEvents.Packed packed, PivotFields fields) {
        Builder b = new Builder(packed.item());
        packed.replay(e -> b.add(e, fields));
        return new ItemIndex(b);
    }

    public String item() {
        return item;
    }

    /** Events held: those with at least one value. */
    public int events() {
        return seconds.length;
    }

    /** Events the first pass counted here: those held and those with indicator fields but no value. */
    public int recorded() {
        return recorded;
    }

    /** The item's distinct values. */
    public List<Value> values() {
        return List.of(values);
    }

    /** Bytes the arrays take, roughly: what keeping the item in memory costs. */
    public long bytes() {
        long b = 64L * (strings.length + values.length);
        for (String s : strings) b += 2L * s.length();
        for (Value v : values) b += 2L * v.value().length();
        return b + 36L * seconds.length + 8L * pairName.length;
    }

    /** What an index entry is handed to: a value an event carries, the first field it came from, and the event. */
    @FunctionalInterface
    public interface EntrySink {
        void entry(Value value, String field, long line, long record, Instant time, String host);
    }

    /** Each event's distinct values, in the item's order, each with the first field that carried it. */
    public void entries(EntrySink sink) {
        for (int e = 0; e < seconds.length; e++) {
            Instant t = nanos[e] < 0 ? null : Instant.ofEpochSecond(seconds[e], nanos[e]);
            String h = host[e] < 0 ? null : strings[host[e]];
            for (int p = pairStart[e]; p < pairStart[e + 1]; p++) {
                if (!repeatsEarlier(e, p)) sink.entry(values[pairValue[p]], strings[pairName[p]], line[e], record[e], t, h);
            }
        }
    }

    private boolean repeatsEarlier(int e, int p) {
        for (int q = pairStart[e]; q < p; q++) if (pairValue[q] == pairValue[p]) return true;
        return false;
    }

    /** The events carrying any of {@code wanted}'s values, each once with those it carries, in the item's order. */
    public List<IndexHit> hits(ValueQuery wanted) {
        int[][] matches = wanted.matches(values);
        List<IndexHit> out = new ArrayList<>();
        if (matches == null) return out;
        Set<Value> found = new java.util.LinkedHashSet<>();
        for (int e = 0; e < seconds.length; e++) {
            found.clear();
            carried(e, matches, wanted, found);
            if (!found.isEmpty()) out.add(hit(e, List.copyOf(found)));
        }
        return out;
    }

    /** Each of {@code wanted}'s values this item's events carry, with what they are seen with here. */
    public Map<Value, ValueStatistics> statistics(ValueQuery wanted, Set<Value> refused) {
        int[][] matches = wanted.matches(values);
        Map<Value, ValueStatistics> out = new HashMap<>();
        if (matches == null) return out;
        boolean[] refusal = new boolean[values.length];
        for (int i = 0; i < values.length; i++) refusal[i] = refused.contains(values[i]);
        Set<Value> found = new HashSet<>();
        for (int e = 0; e < seconds.length; e++) {
            found.clear();
            carried(e, matches, wanted, found);
            if (found.isEmpty()) continue;
            boolean served = true;
            for (int p = pairStart[e]; p < pairStart[e + 1]; p++) if (refusal[pairValue[p]]) served = false;
            for (Value v : found) {
                ValueStatistics s = out.computeIfAbsent(v, k -> new ValueStatistics());
                s.count++;
                for (int p = pairStart[e]; p < pairStart[e + 1]; p++) s.seen(values[pairValue[p]], served);
            }
        }
        return out;
    }

    /** Adds to {@code found} the wanted values event {@code e} carries (a pair's when it carries both halves). */
    private void carried(int e, int[][] matches, ValueQuery wanted, Set<Value> found) {
        for (int p = pairStart[e]; p < pairStart[e + 1]; p++) {
            int[] m = matches[pairValue[p]];
            if (m == null) continue;
            for (int q : m) {
                Value v = wanted.value(q);
                if (v.kind() != Kind.ACCOUNT_ADDRESS || carries(e, wanted.other(q))) found.add(v);
            }
        }
    }

    private boolean carries(int e, Value v) {
        for (int p = pairStart[e]; p < pairStart[e + 1]; p++) if (values[pairValue[p]].equals(v)) return true;
        return false;
    }

    private IndexHit hit(int e, List<Value> matched) {
        int n = pairStart[e + 1] - pairStart[e];
        String[] names = new String[n];
        Value[] vs = new Value[n];
        for (int p = 0; p < n; p++) {
            names[p] = strings[pairName[pairStart[e] + p]];
            vs[p] = values[pairValue[pairStart[e] + p]];
        }
        Instant t = nanos[e] < 0 ? null : Instant.ofEpochSecond(seconds[e], nanos[e]);
        return new IndexHit(item, e, t, host[e] < 0 ? null : strings[host[e]], strings[format[e]], line[e], record[e],
                List.of(names), List.of(vs), matched);
    }

    /** Grows the columns while an item's events replay. */
    private static final class Builder {
        final String item;
        final List<String> strings = new ArrayList<>();
        final Map<String, Integer> stringIds = new HashMap<>();
        final List<Value> values = new ArrayList<>();
        final Map<Value, Integer> valueIds = new HashMap<>();
        /** Per field name id: its raw texts' value ids (a log repeats its values: addresses, agents, statuses). */
        final List<Map<String, int[]>> extracted = new ArrayList<>();
        int recorded;
        int events;
        int pairs;
        long[] seconds = new long[16];
        int[] nanos = new int[16];
        int[] format = new int[16];
        int[] host = new int[16];
        long[] line = new long[16];
        long[] record = new long[16];
        int[] pairStart = new int[17];
        int[] pairName = new int[64];
        int[] pairValue = new int[64];

        Builder(String item) {
            this.item = item;
        }

        void add(Event e, PivotFields fields) {
            recorded++;
            int first = pairs;
            e.forEachField((name, raw) -> {
                if (raw == null || fields.kindOf(name) == null) return;
                int nameId = string(name);
                for (int v : extracted(nameId, name, raw, fields)) pair(nameId, v);
            });
            if (pairs == first) return;
            if (events + 1 >= seconds.length) grow();
            Instant t = e.time();
            seconds[events] = t == null ? 0 : t.getEpochSecond();
            nanos[events] = t == null ? -1 : t.getNano();
            format[events] = string(e.format().id());
            host[events] = e.host() == null ? -1 : string(e.host());
            line[events] = e.provenance().line();
            record[events] = e.provenance().record();
            events++;
            pairStart[events] = pairs;
        }

        /** The value ids a field's raw text gives, extracted once per distinct text of the field in the item. */
        private int[] extracted(int nameId, String name, String raw, PivotFields fields) {
            while (extracted.size() <= nameId) extracted.add(null);
            Map<String, int[]> byRaw = extracted.get(nameId);
            if (byRaw == null) extracted.set(nameId, byRaw = new HashMap<>());
            return byRaw.computeIfAbsent(raw, r -> {
                List<Integer> ids = new ArrayList<>(2);
                fields.extract(name, r, v -> ids.add(value(v)));
                return ids.stream().mapToInt(Integer::intValue).toArray();
            });
        }

        private void pair(int name, int value) {
            if (pairs == pairName.length) {
                pairName = Arrays.copyOf(pairName, pairs * 2);
                pairValue = Arrays.copyOf(pairValue, pairs * 2);
            }
            pairName[pairs] = name;
            pairValue[pairs++] = value;
        }

        private void grow() {
            int n = seconds.length * 2;
            seconds = Arrays.copyOf(seconds, n);
            nanos = Arrays.copyOf(nanos, n);
            format = Arrays.copyOf(format, n);
            host = Arrays.copyOf(host, n);
            line = Arrays.copyOf(line, n);
            record = Arrays.copyOf(record, n);
            pairStart = Arrays.copyOf(pairStart, n + 1);
        }

        private int string(String s) {
            return stringIds.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size() - 1;
            });
        }

        private int value(Value v) {
            return valueIds.computeIfAbsent(v, k -> {
                values.add(k);
                return values.size() - 1;
            });
        }
    }
}
