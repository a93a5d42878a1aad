package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.EventSink;
import dwell.format.w3c.IisW3cLog;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An item read back up to its last position asked for, each position's first event kept, matched by line and record. */
class ItemPositionsTest {
    private static final String ITEM = "/evidence/W3SVC1/u_ex210302.log";

    private static byte[] log(int lines) {
        StringBuilder b = new StringBuilder("#Software: Microsoft Internet Information Services 10.0\n"
                + "#Fields: date time s-ip cs-method cs-uri-stem c-ip sc-status\n");
        for (int i = 0; i < lines; i++) {
            b.append(String.format("2021-03-02 10:%02d:00 10.0.0.5 GET /owa/%d 198.51.100.%d 200%n", i % 60, i, i % 250));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes a reader took from a stream. */
    private static final class Counted extends FilterInputStream {
        long bytes;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) bytes += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) bytes++;
            return c;
        }
    }

    private static String key(long line) {
        return EventRecall.key(Provenance.line(ITEM, line));
    }

    /** Every event of the log by key, as a whole read gives them. */
    private static Map<String, Map<String, String>> all(byte[] log) throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        new IisW3cLog().read(ITEM, null, new ByteArrayInputStream(log), new EventSink() {
            @Override
            public void event(Event e) {
                out.put(EventRecall.key(e.provenance()), new LinkedHashMap<>(e.fields()));
            }

            @Override
            public void unreadable(long position, String reason) {
            }
        });
        return out;
    }

    @Test
    void theItemIsReadUpToItsLastPositionAskedForAndEachPositionGivesItsEvent() throws IOException {
        byte[] log = log(20_000);
        ItemPositions wanted = new ItemPositions(List.of(key(900), key(40), key(41)));
        Counted in = new Counted(new ByteArrayInputStream(log));
        Map<String, Map<String, String>> out = new HashMap<>();
        new IisW3cLog().read(ITEM, null, wanted.until(in), wanted.sink(out));
        Map<String, Map<String, String>> whole = all(log);
        assertEquals(Map.of(key(40), whole.get(key(40)), key(41), whole.get(key(41)), key(900), whole.get(key(900))), out);
        // line 900 of 20,000: the reader's buffer past it at most, not the whole log
        assertTrue(in.bytes < log.length / 4, in.bytes + " of " + log.length + " bytes read");
    }

    @Test
    void aPositionTheItemDoesNotHoldLeavesItReadToItsEnd() throws IOException {
        byte[] log = log(2_000);
        ItemPositions wanted = new ItemPositions(List.of(key(7), key(5_000)));
        Counted in = new Counted(new ByteArrayInputStream(log));
        Map<String, Map<String, String>> out = new HashMap<>();
        new IisW3cLog().read(ITEM, null, wanted.until(in), wanted.sink(out));
        assertEquals(Set.of(key(7)), out.keySet());
        assertEquals(log.length, in.bytes);
    }

    @Test
    void recordsAreMatchedByLineAndRecordAndOnlyAPositionsFirstEventIsKept() {
        String evtx = "/evidence/Security.evtx";
        List<String> keys = List.of(EventRecall.key(Provenance.record(evtx, 12)), EventRecall.key(Provenance.record(evtx, 3)),
                EventRecall.key(new Provenance(evtx, 3, 12)));
        ItemPositions wanted = new ItemPositions(keys);
        Map<String, Map<String, String>> out = new HashMap<>();
        EventSink sink = wanted.sink(out);
        for (long record : new long[] {1, 3, 12, 3}) {
            sink.event(new MapEvent(null, FormatId.of("evtx"), LogSource.NONE, Map.of("n", record + "", "seen", out.size() + ""),
                    null, Provenance.record(evtx, record), null));
        }
        assertEquals(Map.of(keys.get(0), Map.of("n", "12", "seen", "1"), keys.get(1), Map.of("n", "3", "seen", "0")), out);
    }
}
