package dwell.exchange.exposure;

import java.time.Instant;

/** The earliest and latest event time seen in some evidence; updated from many threads. */
final class EvidenceSpan {
    private Instant first;
    private Instant last;

    synchronized void add(Instant t) {
        if (first == null || t.isBefore(first)) first = t;
        if (last == null || t.isAfter(last)) last = t;
    }

    synchronized Instant first() {
        return first;
    }

    synchronized Instant last() {
        return last;
    }
}
