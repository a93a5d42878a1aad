package dwell.pivot;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One item's events as the pivot index needs them, in the order its reader gave them: time, format, host, position
 * and the fields that carry indicator values, every string once in the item's dictionary and the events as varints.
 * Written on one thread (an item is read by one), replayed as events into an {@link EventIndex} elsewhere.
 */
final class IndexedEvents {
    private final String item;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    IndexedEvents(String item) {
        this.item = item;
    }

    /** Records the event's indicator fields; false (nothing recorded) when it has none. */
    boolean add(Event e, PivotFields fields) {
        names.clear();
        values.clear();
        e.forEachField((name, value) -> {
            if (value != null && fields.kindOf(name) != null) {
                names.add(name);
                values.add(value);
            }
        });
        if (names.isEmpty()) return false;
        try {
            Instant t = e.time();
            varLong(t == null ? -1 : t.getEpochSecond() >= 0 ? 2 * t.getEpochSecond() : -2 * t.getEpochSecond() + 1);
            if (t != null) varLong(t.getNano());
            varLong(id(e.format().id()));
            varLong(e.host() == null ? 0 : id(e.host()) + 1);
            varLong(e.provenance().line());
            varLong(e.provenance().record());
            varLong(names.size());
            for (int i = 0; i < names.size(); i++) {
                varLong(id(names.get(i)));
                varLong(id(values.get(i)));
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return true;
    }

    private int id(String s) {
        Integer id = ids.get(s);
        if (id != null) return id;
        ids.put(s, strings.size());
        strings.add(s);
        return strings.size() - 1;
    }

    private void varLong(long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** The recorded events, to travel. */
    Packed packed() {
        return new Packed(item, List.copyOf(strings), bytes.toByteArray());
    }

    /** An item's recorded events in their compact form. */
    record Packed(String item, List<String> strings, byte[] events) implements Serializable {
        /** Hands each event to {@code to}, in the order they were recorded. */
        void replay(Consumer<Event> to) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(events));
            try {
                while (in.available() > 0) to.accept(next(in));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        private Replayed next(DataInputStream in) throws IOException {
            long s = varLong(in);
            Instant time = null;
            if (s >= 0) time = Instant.ofEpochSecond((s & 1) == 0 ? s / 2 : -(s - 1) / 2, varLong(in));
            FormatId format = FormatId.of(strings.get((int) varLong(in)));
            long host = varLong(in);
            Provenance p = new Provenance(item, varLong(in), varLong(in));
            int n = (int) varLong(in);
            String[] pairs = new String[2 * n];
            for (int i = 0; i < pairs.length; i++) pairs[i] = strings.get((int) varLong(in));
            return new Replayed(time, format, host == 0 ? null : strings.get((int) host - 1), p, pairs);
        }

        private static long varLong(DataInputStream in) throws IOException {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
        }
    }

    /** A recorded event again: only what the index reads of an event is there. */
    private record Replayed(Instant time, FormatId format, String host, Provenance provenance, String[] pairs) implements Event {
        @Override
        public LogSource logSource() {
            return null;
        }

        @Override
        public String get(String field) {
            for (int i = 0; i < pairs.length; i += 2) if (pairs[i].equals(field)) return pairs[i + 1];
            return null;
        }

        @Override
        public void forEachField(FieldVisitor visitor) {
            for (int i = 0; i < pairs.length; i += 2) visitor.field(pairs[i], pairs[i + 1]);
        }

        @Override
        public String raw() {
            return null;
        }
    }
}
