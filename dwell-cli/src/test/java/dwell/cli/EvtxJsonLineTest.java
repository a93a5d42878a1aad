package dwell.cli;

import dwell.text.Json;
import dwell.text.Utf8Buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of the dump writes exactly what dwell's Jackson writers ({@link Json}) write. */
class EvtxJsonLineTest {
    private static String jackson(String s) throws IOException {
        return Json.LINE.writeValueAsString(s);
    }

    private static String ours(String s) {
        Utf8Buffer b = new Utf8Buffer(16);
        EvtxJsonLine.string(b, s);
        return b.toString();
    }

    @Test
    void everyCharacterEscapedAsDwellsJsonWritersDo() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = "a" + (char) c + "b";
            assertEquals(jackson(one), ours(one), "U+" + Integer.toHexString(c));
            all.append((char) c);
        }
        assertEquals(jackson(all.toString()), ours(all.toString()));
        for (String s : List.of("", "\"", "\\\\", "\u0000\u001f\u007f", "C:\\Windows\\x.exe \"q\"\r\n\t", "\ud83d\ude00",
                "\ud800", "x\udc00", "\ude00\ud83d", "\udb40\udc41")) {
            assertEquals(jackson(s), ours(s), s);
        }
    }

    @Test
    void longerStringsWithBackslashesAndQuotesAsDwellsJsonWritersDo() throws IOException {
        // from 16 characters on, strings go in Latin-1 runs: every character after escaped ones, at every place
        String path = "C:\\Windows\\System32\\cmd.exe /c \"echo\"";
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = path + (char) c + "\\x";
            assertEquals(jackson(one), ours(one), "U+" + Integer.toHexString(c));
        }
        for (int at = 0; at <= path.length(); at++) {
            for (String odd : List.of("\ud83d\ude00", "\ud800", "?", "\u00e9", "\u0141", "\n", "\u007f")) {
                String s = path.substring(0, at) + odd + path.substring(at) + "\\tail";
                assertEquals(jackson(s), ours(s), s);
            }
        }
    }

    @Test
    void hostileTextBecomesStrictUtf8JsonWithNothingRaw() throws IOException {
        String hostile = "esc \u001b[31m nul \u0000 c1 \u009b bidi \u202e tag \udb40\udc41 lone \ud800 emoji \ud83d\ude00 é";
        String json = ours(hostile);
        assertEquals("\"esc \\u001B[31m nul \\u0000 c1 \\u009B bidi \\u202E tag \\uDB40\\uDC41 lone \ufffd emoji "
                + "\\uD83D\\uDE00 é\"", json);
        java.nio.charset.StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(json));
        assertEquals(hostile.replace("\ud800", "\ufffd"), Json.MAPPER.readTree(json).asText());
    }

    @Test
    void nullIsJsonNull() throws IOException {
        assertEquals(jackson(null), "null");
        assertEquals("null", ours(null));
    }

    /** The formula the dump used before: Instant's text to the second, then seven fraction digits. */
    private static String before(Instant t) {
        String s = t.truncatedTo(ChronoUnit.SECONDS).toString();
        return s.substring(0, s.length() - 1) + String.format(".%07dZ", t.getNano() / 100);
    }

    @Test
    void timestampsKeepHundredNanoseconds() {
        assertEquals("\"2019-08-14T14:06:44.4956748Z\"", timestamp(Instant.parse("2019-08-14T14:06:44.4956748Z")));
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("1601-01-01T00:00:00Z"),
                Instant.parse("2000-02-29T23:59:59.9999999Z"), Instant.parse("0001-01-01T00:00:00.0000001Z"),
                Instant.parse("9999-12-31T23:59:59.9999999Z"), Instant.parse("+30828-09-14T02:48:05.4775807Z"),
                Instant.parse("-0001-01-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00.000000100Z"));
        for (Instant t : edges) assertEquals('"' + before(t) + '"', timestamp(t), t.toString());
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 100_000; i++) {
            // FILETIME's whole range: 100 ns ticks since 1601
            long ticks = r.nextLong() & Long.MAX_VALUE;
            Instant t = Instant.ofEpochSecond(ticks / 10_000_000 - 11_644_473_600L, ticks % 10_000_000 * 100);
            assertEquals('"' + before(t) + '"', timestamp(t), t.toString());
        }
        assertEquals("null", timestamp(null));
    }

    @Test
    void shortDecimalsAreNumbersAsLongParseLongReadsThem() throws IOException {
        for (String v : List.of("0", "00", "007", "4624", "100", "123456789", "1234567890", "\u0663\u0662", "0\u0661", "12a",
                "-1", "+1", " 1", "", "\uff11")) {
            // the rule before: short runs of Character.isDigit as a number, through Long.parseLong
            boolean number = v.length() < 10 && !v.isEmpty() && v.chars().allMatch(Character::isDigit);
            String expected = number ? Long.toString(Long.parseLong(v)) : jackson(v);
            Utf8Buffer b = new Utf8Buffer(0);
            EvtxJsonLine.numberOrString(b, v);
            assertEquals(expected, b.toString(), v);
        }
        Utf8Buffer b = new Utf8Buffer(0);
        EvtxJsonLine.numberOrString(b, null);
        assertEquals("null", b.toString());
    }

    private static String timestamp(Instant t) {
        Utf8Buffer b = new Utf8Buffer(0);
        EvtxJsonLine.timestamp(b, t);
        return b.toString();
    }
}
