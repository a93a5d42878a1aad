package dwell.pivot.store;

import java.util.Arrays;

/** One indexed event as the index keeps it (time, host id, line, record, (name id, value id) pairs); reused. */
public final class EventRecord {
    boolean hasTime;
    long seconds;
    int nanos;
    int host = -1;
    long line;
    long record;
    private int pairs;
    private int[] names = new int[16];
    private int[] values = new int[16];

    /** Sets the time: seconds since the epoch and nanoseconds, or no time at all. */
    public void time(boolean present, long epochSeconds, int nano) {
        hasTime = present;
        seconds = present ? epochSeconds : 0;
        nanos = present ? nano : 0;
    }

    public boolean hasTime() {
        return hasTime;
    }

    public long seconds() {
        return seconds;
    }

    public int nanos() {
        return nanos;
    }

    /** The host's name id, or -1. */
    public int host() {
        return host;
    }

    public void host(int id) {
        host = id;
    }

    public long line() {
        return line;
    }

    public long record() {
        return record;
    }

    public void position(long line, long record) {
        this.line = line;
        this.record = record;
    }

    public int pairs() {
        return pairs;
    }

    public int name(int i) {
        return names[i];
    }

    public int value(int i) {
        return values[i];
    }

    public void clearPairs() {
        pairs = 0;
    }

    public void addPair(int name, int value) {
        if (pairs == names.length) {
            names = Arrays.copyOf(names, pairs * 2);
            values = Arrays.copyOf(values, pairs * 2);
        }
        names[pairs] = name;
        values[pairs++] = value;
    }

    /** True if the value id appears in a pair before position {@code i}: postings list an event once. */
    public boolean repeatsEarlier(int i) {
        for (int j = 0; j < i; j++) {
            if (values[j] == values[i]) return true;
        }
        return false;
    }
}
