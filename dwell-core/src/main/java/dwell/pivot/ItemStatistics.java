package dwell.pivot;

import dwell.pivot.store.EventRecord;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One item's tally of the statistics of wanted values: per wanted value its events, and which of the item's addresses,
 * accounts and agents were seen alongside it (served or not), each offered to {@link ValueStatistics} once per item
 * rather than once per event that carries it (a log repeats its values: the same address on thousands of lines).
 */
final class ItemStatistics {
    private final Value[] values;
    /** Per value id of the item: its number among the values the statistics keep (addresses, accounts, agents), or -1. */
    private final int[] kept;
    private final Map<Value, Integer> slotOf = new HashMap<>();
    private Value[] wanted = new Value[4];
    private long[] counts = new long[4];
    /** Per slot: bit 2k for kept value k seen alongside, bit 2k+1 for it seen on an event with no refused status. */
    private BitSet[] alongside = new BitSet[4];
    /** Per slot: the last event found carrying its value (an event counts once however many pairs carry it). */
    private int[] lastEvent = new int[4];

    ItemStatistics(Value[] values) {
        this.values = values;
        this.kept = new int[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) kept[i] = ValueStatistics.keeps(values[i].kind()) ? n++ : -1;
    }

    /** The slot of a wanted value, its tally started on first use. */
    int slot(Value v) {
        Integer s = slotOf.get(v);
        if (s != null) return s;
        int n = slotOf.size();
        if (n == wanted.length) {
            wanted = Arrays.copyOf(wanted, 2 * n);
            counts = Arrays.copyOf(counts, 2 * n);
            alongside = Arrays.copyOf(alongside, 2 * n);
            lastEvent = Arrays.copyOf(lastEvent, 2 * n);
        }
        wanted[n] = v;
        lastEvent[n] = -1;
        alongside[n] = new BitSet();
        slotOf.put(v, n);
        return n;
    }

    /** Marks event {@code e} found carrying slot {@code s}'s value. */
    void mark(int s, int e) {
        lastEvent[s] = e;
    }

    /** Whether event {@code e} was already found carrying slot {@code s}'s value. */
    boolean foundIn(int s, int e) {
        return lastEvent[s] == e;
    }

    /** An event carrying slot {@code s}'s value, with its pairs' values alongside. */
    void event(int s, EventRecord r, boolean served) {
        counts[s]++;
        BitSet seen = alongside[s];
        for (int p = 0; p < r.pairs(); p++) {
            int k = kept[r.value(p)];
            if (k < 0) continue;
            seen.set(2 * k);
            if (served) seen.set(2 * k + 1);
        }
    }

    /** The wanted values' statistics in this item. */
    Map<Value, ValueStatistics> result() {
        int[] byKept = new int[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) if (kept[i] >= 0) byKept[n++] = i;
        Map<Value, ValueStatistics> out = new HashMap<>();
        for (int s = 0; s < slotOf.size(); s++) {
            // a pair's slot whose address never came with its account here: no statistics, as no event carried it
            if (counts[s] == 0) continue;
            ValueStatistics st = new ValueStatistics();
            st.count = counts[s];
            BitSet seen = alongside[s];
            // bit 2k+1 is never set without bit 2k: every set bit found here is even
            for (int b = seen.nextSetBit(0); b >= 0; b = seen.nextSetBit(b + 2)) {
                st.seen(values[byKept[b >> 1]], seen.get(b + 1));
            }
            out.put(wanted[s], st);
        }
        return out;
    }
}
