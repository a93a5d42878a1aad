package dwell.traffic;

import java.io.Serializable;

/** The format of an evidence item and the first and last second of its web requests, for reading it again. Not thread-safe. */
final class ItemSpan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String format;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    ItemSpan(String format) {
        this.format = format;
    }

    void add(long epochSecond) {
        if (epochSecond < first) first = epochSecond;
        if (epochSecond > last) last = epochSecond;
    }

    void merge(ItemSpan other) {
        add(other.first);
        add(other.last);
    }

    String format() {
        return format;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }
}
