package dwell.hunt;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.format.EventSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions a read-back wants from one item, with their keys ({@link EventRecall#key}): an event is matched by its
 * line and record, without a key made for every event read, and once every position has been found the item's
 * stream ends, so the rest of the item is not parsed. For one read of the item, on one thread.
 */
final class ItemPositions {
    /** The positions by line, then record, and the key of each. */
    private final long[] lines;
    private final long[] records;
    private final String[] keys;
    private final boolean[] found;
    private int missing;

    /** The positions of {@code keys}, all of one item. */
    ItemPositions(Collection<String> keys) {
        this.keys = keys.toArray(String[]::new);
        Comparator<Provenance> order = Comparator.<Provenance>comparingLong(p -> p.line()).thenComparingLong(p -> p.record());
        Arrays.sort(this.keys, Comparator.comparing(EventRecall::position, order));
        lines = new long[this.keys.length];
        records = new long[this.keys.length];
        for (int i = 0; i < this.keys.length; i++) {
            Provenance p = EventRecall.position(this.keys[i]);
            lines[i] = p.line();
            records[i] = p.record();
        }
        found = new boolean[this.keys.length];
        missing = this.keys.length;
    }

    /** Where a read of the item sends its events: the first event at each wanted position goes into {@code out}. */
    EventSink sink(Map<String, Map<String, String>> out) {
        return new EventSink() {
            @Override
            public void event(Event e) {
                Provenance p = e.provenance();
                long line = p.line();
                long record = p.record();
                Map<String, String> fields = null;
                for (int i = first(line, record); i < keys.length && lines[i] == line && records[i] == record; i++) {
                    if (found[i]) continue;
                    if (fields == null) fields = new LinkedHashMap<>(e.fields());
                    found[i] = true;
                    missing--;
                    out.put(keys[i], fields);
                }
            }

            @Override
            public void unreadable(long position, String reason) {
            }
        };
    }

    /** The item's content, ending as soon as every wanted position has been found: what is left is not wanted. */
    InputStream until(InputStream content) {
        return new FilterInputStream(content) {
            @Override
            public int read() throws IOException {
                return missing == 0 ? -1 : super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return missing == 0 ? -1 : super.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                return missing == 0 ? 0 : super.skip(n);
            }

            @Override
            public int available() throws IOException {
                return missing == 0 ? 0 : super.available();
            }
        };
    }

    /** The first index whose position is at or after (line, record). */
    private int first(long line, long record) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean before = lines[mid] < line || lines[mid] == line && records[mid] < record;
            if (before) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
