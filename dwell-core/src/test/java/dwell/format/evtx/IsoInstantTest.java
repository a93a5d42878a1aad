package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.text.Utf8Buffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written ISO text of instants is java.time's, both ways. */
class IsoInstantTest {
    /** The formula used before: Instant's text to the second, then seven fraction digits. */
    private static String javaTime(Instant t) {
        String s = t.truncatedTo(ChronoUnit.SECONDS).toString();
        return s.substring(0, s.length() - 1) + String.format(".%07dZ", t.getNano() / 100);
    }

    private static Instant javaTime(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void formatsAsJavaTimeOverFiletimesWholeRange() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("1601-01-01T00:00:00Z"),
                Instant.parse("2000-02-29T23:59:59.9999999Z"), Instant.parse("0000-01-01T00:00:00.0000001Z"),
                Instant.parse("9999-12-31T23:59:59.9999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("+30828-09-14T02:48:05.4775807Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-05-01T00:00:00.000000199Z"), Instant.MIN, Instant.MAX);
        for (Instant t : edges) assertFormats(javaTime(t), t);
        Random r = new Random(4);
        for (int i = 0; i < 200_000; i++) {
            long ticks = r.nextLong() & Long.MAX_VALUE; // FILETIME: 100 ns ticks since 1601
            Instant t = ValueTypes.instant(i % 2 == 0 ? ticks : ticks >>> r.nextInt(64));
            assertFormats(javaTime(t), t);
        }
    }

    /** Both ways of formatting, as text and as bytes in a buffer holding text before. */
    private static void assertFormats(String expected, Instant t) {
        assertEquals(expected, IsoInstant.format(t), t.toString());
        Utf8Buffer b = new Utf8Buffer(0).ascii("x");
        IsoInstant.format(t, b);
        assertEquals("x" + expected, b.toString(), t.toString());
    }

    @Test
    void parsesAsJavaTime() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            Instant t = ValueTypes.instant((r.nextLong() & Long.MAX_VALUE) >>> r.nextInt(8));
            String s = IsoInstant.format(t);
            assertEquals(t, IsoInstant.parse(s), s);
            assertEquals(javaTime(s), IsoInstant.parse(s), s);
        }
        for (String s : List.of("2019-08-14T14:06:44.4956748Z", "2019-02-29T00:00:00.0000000Z",
                "2020-02-29T00:00:00.0000000Z", "2019-13-01T00:00:00.0000000Z", "2019-00-10T00:00:00.0000000Z",
                "2019-04-31T00:00:00.0000000Z", "2019-01-01T24:00:00.0000000Z", "2019-01-01T24:00:01.0000000Z",
                "2019-12-31T23:59:60.0000000Z", "2019-12-31T23:60:00.0000000Z", "2019-12-31T23:59:59.999999aZ",
                "2019-12-31 23:59:59.0000000Z", "2019-12-31T23:59:59Z", "2019-12-31T23:59:59.123Z", "+12019-12-31T23:59:59Z",
                "0000-01-01T00:00:00.0000000Z", "-001-01-01T00:00:00.0000000Z", "", "garbage", "2019-1-01T00:00:00.00000000Z")) {
            assertEquals(javaTime(s), IsoInstant.parse(s), s);
        }
    }
}
