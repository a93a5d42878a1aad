package dwell.pivot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path tmp;

    /** An event as a test writes it, with where it belongs. */
    record Written(int log, int item, int format, long seq, boolean hasTime, long seconds, int nanos, int host,
                   long line, long record, int[] names, int[] values) {
        void into(EventRecord r) {
            r.time(hasTime, seconds, nanos);
            r.host(host);
            r.position(line, record);
            r.clearPairs();
            for (int i = 0; i < names.length; i++) r.addPair(names[i], values[i]);
        }

        String describe() {
            return item + "/" + seq + " " + format + " " + hasTime + " " + seconds + "." + nanos + " h" + host + " l" + line
                    + " r" + record + " " + java.util.Arrays.toString(names) + java.util.Arrays.toString(values);
        }
    }

    private static String describe(EventRecord r, int item, int format, long seq) {
        int[] names = new int[r.pairs()];
        int[] values = new int[r.pairs()];
        for (int i = 0; i < r.pairs(); i++) {
            names[i] = r.name(i);
            values[i] = r.value(i);
        }
        return new Written(0, item, format, seq, r.hasTime(), r.seconds(), r.nanos(), r.host(), r.line(), r.record(),
                names, values).describe();
    }

    /**
     * Three threads' worth of events: items split between logs (and one item read by two logs in turn), web-log
     * rows that repeat most values, EVTX-like records, extreme times and positions, events with many pairs.
     */
    private static List<Written> events(Random r, int logs, int n) {
        List<Written> out = new ArrayList<>();
        long[] seq = new long[40];
        for (int i = 0; i < n; i++) {
            int item = r.nextInt(40);
            int log = item == 7 ? r.nextInt(logs) : item % logs;
            int kind = r.nextInt(10);
            int pairs = kind == 0 ? 1 + r.nextInt(80) : 7;
            int[] names = new int[pairs];
            int[] values = new int[pairs];
            for (int p = 0; p < pairs; p++) {
                names[p] = kind == 0 ? r.nextInt(30) : p;
                values[p] = r.nextInt(4) == 0 ? r.nextInt(1 << 20) : r.nextInt(8);
            }
            boolean hasTime = r.nextInt(20) != 0;
            long seconds = kind == 1 ? r.nextLong() >> 1 : 1_600_000_000L + i * 3L;
            int nanos = kind == 2 ? r.nextInt(1_000_000_000) : 0;
            long line = kind == 3 ? r.nextLong() : kind == 4 ? 0 : i + 1;
            long record = kind == 4 ? i + 10 : kind == 5 ? -r.nextInt(1000) : 0;
            int host = r.nextInt(3) == 0 ? -1 : r.nextInt(3);
            out.add(new Written(log, item, item % 3, seq[item]++, hasTime, hasTime ? seconds : 0, hasTime ? nanos : 0, host,
                    line, record, names, values));
        }
        return out;
    }

    @Test
    void eventsComeBackInEvidenceOrderWithEveryFieldSequentiallyAndByJumps() {
        Random r = new Random(21);
        int logCount = 3;
        List<Written> written = events(r, logCount, 30_000);
        // memory for 4 pages: most of the events spill
        try (SpillSpace s = new SpillSpace(new IndexBudget(4L * PagedBytes.PAGE, Long.MAX_VALUE, tmp))) {
            List<EventLog> logs = new ArrayList<>();
            for (int l = 0; l < logCount; l++) logs.add(new EventLog(s, l));
            EventRecord rec = new EventRecord();
            for (Written w : written) {
                w.into(rec);
                logs.get(w.log()).append(w.item(), w.format(), w.seq(), rec);
            }
            assertTrue(logs.stream().mapToLong(EventLog::diskBytes).sum() > 0, "some events spilled");
            // items rank in reverse id order, to show that the rank (path order), not the id, orders them
            int[] rank = new int[40];
            for (int i = 0; i < 40; i++) rank[i] = 39 - i;
            EventOrder order = EventOrder.of(logs, rank);
            List<Written> expected = new ArrayList<>(written);
            expected.sort(Comparator.<Written>comparingInt(w -> rank[w.item()]).thenComparingLong(Written::seq));
            assertEquals(expected.size(), order.events());
            EventReader reader = new EventReader(order, logs);
            for (int e = 0; e < expected.size(); e++) {
                Written w = expected.get(e);
                assertEquals(w.describe(), describe(reader.at(e), reader.item(e), reader.format(e), w.seq()), "event " + e);
            }
            EventReader jumping = new EventReader(order, logs);
            for (int k = 0; k < 5000; k++) {
                int e = r.nextInt(expected.size());
                Written w = expected.get(e);
                assertEquals(w.describe(), describe(jumping.at(e), jumping.item(e), jumping.format(e), w.seq()), "event " + e);
            }
            logs.forEach(EventLog::close);
        }
    }

    @Test
    void aWebLogRowCostsAFewBytes() {
        // PivotLogGen's rows: seven pairs, four of them changing, a second or two apart, consecutive lines
        Random r = new Random(5);
        try (SpillSpace s = new SpillSpace(new IndexBudget(1L << 30, 0, tmp)); EventLog log = new EventLog(s, 0)) {
            EventRecord rec = new EventRecord();
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                int user = r.nextInt(400);
                rec.clearPairs();
                rec.addPair(0, 1);
                rec.addPair(1, r.nextInt(4) == 0 ? 2 : 3);
                rec.addPair(2, 4 + r.nextInt(9));
                rec.addPair(3, 20 + user);
                rec.addPair(4, 420 + user % 321);
                rec.addPair(5, 741 + user % 3);
                rec.addPair(6, 744);
                rec.time(true, 1_550_000_000L + 2L * i, 0);
                rec.host(-1);
                rec.position(i + 5, 0);
                log.append(0, 0, i, rec);
            }
            double perEvent = (double) log.data.size() / n;
            assertTrue(perEvent < 11, "bytes per event: " + perEvent);
        }
    }
}
