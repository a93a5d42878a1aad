package dwell.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
    private static List<String> lines(LineReader r) throws IOException {
        List<String> out = new ArrayList<>();
        while (r.next()) out.add(r.tooLong() ? "<too long " + r.length() + " at " + r.lineNumber() + ">" : r.text());
        return out;
    }

    @Test
    void linesEndWithLfOrCrlfAndTheLastMayLackOne() throws IOException {
        LineReader r = LineReader.open(new ByteArrayInputStream("a\r\nb\n\nc\r".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("a", "b", "", "c"), lines(r));
        assertEquals(4, r.lineNumber());
    }

    @Test
    void theLineCapIsExactAndTheBufferNeverGrowsPastIt() throws IOException {
        String ok = "x".repeat(64);
        String over = "y".repeat(65);
        LineReader r = LineReader.open(new ByteArrayInputStream((ok + "\n" + over + "\n" + ok + "\r\n").getBytes(StandardCharsets.UTF_8)), 64);
        assertEquals(List.of(ok, "<too long 65 at 2>", ok), lines(r));
        InputStream endless = new InputStream() {
            long left = 20L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'z' : -1;
            }
        };
        LineReader big = new LineReader(endless, 1 << 16);
        assertTrue(big.next());
        assertTrue(big.tooLong());
        assertEquals(20L << 20, big.length());
        assertTrue(big.buffer().length <= (1 << 16) + 2, "buffer " + big.buffer().length);
        assertFalse(big.next());
        assertTrue(big.tooLongReason().contains("20971520 bytes exceeds the 65536-byte line limit"));
    }

    @Test
    void wordAtATimeNewlineSearchAgreesWithAPlainScan() {
        java.util.Random rnd = new java.util.Random(3);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int k = rnd.nextInt(6);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0x0b : k == 2 ? 0x8a : k == 3 ? 0x09 : rnd.nextInt(256));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, LineReader.indexOfNewline(b, from, b.length), java.util.Arrays.toString(b) + " from " + from);
        }
    }

    @Test
    void longLinesWithinTheCapGrowTheBuffer() throws IOException {
        String l = "w".repeat(200_000);
        LineReader r = LineReader.open(new ByteArrayInputStream((l + "\n" + l).getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(l, l), lines(r));
    }

    @Test
    void boms() throws IOException {
        for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] b = "\ufeffh\u00e9llo \ud83d\ude00\r\nw\n".getBytes(cs);
            assertEquals(List.of("h\u00e9llo \ud83d\ude00", "w"), lines(LineReader.open(new ByteArrayInputStream(b))), cs.name());
        }
    }

    @Test
    void utf16SurrogatesAcrossChunkBoundariesSurvive() throws IOException {
        String s = "a".repeat(8191) + "\ud83d\ude00" + "b".repeat(9000);
        byte[] b = ("\ufeff" + s).getBytes(StandardCharsets.UTF_16LE);
        assertEquals(List.of(s), lines(LineReader.open(new ByteArrayInputStream(b))));
    }

    @Test
    void isoTimes() {
        assertEquals(Instant.parse("2021-03-03T07:32:15.123Z"), Timestamps.iso("2021-03-03T07:32:15.123Z"));
        assertEquals(Instant.parse("2021-03-03T07:32:15.1234567Z"), Timestamps.iso("2021-03-03T07:32:15.1234567Z"));
        assertEquals(Instant.parse("2021-03-03T06:32:15Z"), Timestamps.iso("2021-03-03 07:32:15+01:00"));
        assertEquals(Instant.parse("2021-03-03T09:02:15Z"), Timestamps.iso("2021-03-03T07:32:15-0130"));
        assertEquals(Instant.parse("2021-03-03T00:00:00Z"), Timestamps.iso("2021-03-03"));
        assertNull(Timestamps.iso("2021-02-29T00:00:00Z"));
        assertNull(Timestamps.iso("2021-03-03T25:00:00Z"));
        assertNull(Timestamps.iso("2021-03-03T07:32:15Q"));
        assertNull(Timestamps.iso("2021-03-03T07:32"));
        assertNull(Timestamps.iso("yesterday"));
        assertEquals(Instant.ofEpochMilli(1614757215123L), Timestamps.lenient("/Date(1614757215123)/"));
        assertEquals(Instant.ofEpochMilli(1614757215123L), Timestamps.lenient("/Date(1614757215123+0100)/"));
        assertEquals(Instant.ofEpochSecond(1614757215), Timestamps.lenient("1614757215"));
        assertNull(Timestamps.lenient("/Date(abc)/"));
    }

    @Test
    void epochDayAgreesWithJavaTime() {
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.isBefore(LocalDate.of(2101, 3, 1)); d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
        }
        byte[] b = "2020-02-29 23:59:59.5".getBytes(StandardCharsets.US_ASCII);
        assertEquals(LocalDate.of(2020, 2, 29).toEpochDay(), Timestamps.isoDate(b, 0, 10));
        assertEquals((86399L * 1_000_000_000L) + 500_000_000L, Timestamps.isoTimeNanos(b, 11, 10));
        assertEquals(-1, Timestamps.isoTimeNanos("7:00:00".getBytes(StandardCharsets.US_ASCII), 0, 7));
    }

    @Test
    void csvQuoting() {
        List<String> out = new ArrayList<>();
        assertTrue(Csv.split("a,\"b,c\",\"d \"\"e\"\"\",,f", ',', out));
        assertEquals(List.of("a", "b,c", "d \"e\"", "", "f"), out);
        assertTrue(Csv.split("", ',', out));
        assertEquals(List.of(""), out);
        assertTrue(Csv.split("x,", ',', out));
        assertEquals(List.of("x", ""), out);
        assertTrue(Csv.split("say \"hi\",2", ',', out));
        assertEquals(List.of("say \"hi\"", "2"), out);
        assertFalse(Csv.split("a,\"open", ',', out));
        assertTrue(Csv.split("a;\"b;c\"", ';', out));
        assertEquals(List.of("a", "b;c"), out);
    }
}
