package dwell.cli;

import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.FieldEncoder;
import dwell.format.evtx.IsoInstant;
import dwell.text.JsonEscapes;
import dwell.text.PlainAscii;
import dwell.text.SafeText;
import dwell.text.Utf8Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The dump's JSON lines (DESIGN.md) of one file's records, encoded straight into a {@link Utf8Buffer} so that chunks
 * render on the parsing threads without intermediate strings. Written by hand rather than with Jackson: a dump writes
 * nothing else, and this keeps the output byte for byte what dwell's Jackson writers ({@link Json}) write at a fraction
 * of the cost.
 */
final class EvtxJsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** The ASCII characters a JSON string holds as they are. */
    private static final PlainAscii PLAIN = new PlainAscii("\"\\", "");
    /** From this length on a string is copied in Latin-1 runs ({@link #latinRuns}), as {@link Utf8Buffer#plain} does. */
    private static final int LATIN_RUNS = 16;
    /** One for every dump: the names it encodes are kept with the field tables' layouts, for this encoder. */
    private static final Members MEMBERS = new Members();

    /** The start of every line of the file, encoded once: {@code {"file":"NAME","record_id":}. */
    private final byte[] start;

    EvtxJsonLine(String file) {
        Utf8Buffer b = new Utf8Buffer(file.length() + 32);
        b.ascii("{\"file\":");
        string(b, file);
        b.ascii(",\"record_id\":");
        start = Arrays.copyOf(b.array(), b.size());
    }

    /**
     * Appends the record's JSON object and a newline: {@code record_id} is the rendered EventRecordID, the header's
     * number follows as {@code chunk_record_id} only where it differs (exported logs).
     */
    void append(Utf8Buffer b, EvtxEvent e) {
        b.bytes(start).decimal(e.recordId());
        if (e.chunkRecordId() != e.recordId()) b.ascii(",\"chunk_record_id\":").decimal(e.chunkRecordId());
        b.ascii(",\"timestamp\":");
        timestamp(b, e.time());
        b.ascii(",\"event_id\":");
        numberOrString(b, e.eventId());
        b.ascii(",\"channel\":");
        string(b, e.channel());
        b.ascii(",\"provider\":");
        string(b, e.provider());
        b.ascii(",\"computer\":");
        string(b, e.computer());
        b.ascii(",\"level\":");
        numberOrString(b, e.level());
        b.ascii(",\"fields\":{");
        e.writeFields(b, MEMBERS);
        b.ascii("},\"recovered\":").ascii(e.recovered() ? "true}\n" : "false}\n");
    }

    /**
     * Writes fields as a JSON object's members: a name as {@code ,"name":}, encoded once per layout of field table
     * (the events of a template share it), a value as a JSON string.
     */
    private static final class Members implements FieldEncoder {
        @Override
        public byte[] name(String name) {
            Utf8Buffer b = new Utf8Buffer(name.length() + 4);
            b.ascii(',');
            string(b, name);
            b.ascii(':');
            return Arrays.copyOf(b.array(), b.size());
        }

        @Override
        public void value(Utf8Buffer out, String value) {
            string(out, value);
        }
    }

    /** ISO-8601 UTC keeping FILETIME's 100 ns: always seven fraction digits; null stays null. */
    static void timestamp(Utf8Buffer b, Instant t) {
        if (t == null) {
            b.ascii("null");
            return;
        }
        b.ascii('"');
        IsoInstant.format(t, b);
        b.ascii('"');
    }

    /** Short decimal values (EventID, Level) as JSON numbers, anything else as a string. */
    static void numberOrString(Utf8Buffer b, String value) {
        if (value == null || value.isEmpty() || value.length() >= 10) {
            string(b, value);
            return;
        }
        int n = value.length();
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                // digits of other scripts are numbers too, as Long.parseLong reads them
                if (allDigits(value)) b.decimal(Long.parseLong(value));
                else string(b, value);
                return;
            }
            if (c == '0' && zeros == i) zeros++;
        }
        // the number's own digits, leading zeros dropped as the number's text drops them
        int from = Math.min(zeros, n - 1);
        byte[] out = b.room(n - from);
        int size = b.size();
        for (int i = from; i < n; i++) out[size++] = (byte) value.charAt(i);
        b.size(size);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    /**
     * A JSON string escaped as {@link Json}'s writers escape it: quote, backslash, controls, format characters and
     * characters beyond the BMP as escapes, a lone surrogate as U+FFFD. The plain ASCII run a value opens with, nearly
     * always all of it, is copied as bytes ({@link Utf8Buffer#plain}); the rest goes on character by character.
     */
    static void string(Utf8Buffer b, String s) {
        if (s == null) {
            b.ascii("null");
            return;
        }
        b.ascii('"');
        int n = s.length();
        if (n >= LATIN_RUNS) {
            latinRuns(b, s);
            return;
        }
        int i = b.plain(s, PLAIN);
        if (i == n) b.ascii('"');
        else escape(b, s, b.chars(s), i, n);
    }

    /**
     * A longer string, encoded as Latin-1 once and copied in plain runs found eight bytes at a time, a quote or
     * backslash escaped in between: paths and command lines, whose backslashes sent the whole rest of the string
     * through the character-by-character escape (widened to chars first). Anything else that is not plain ({@code '?'},
     * which may stand for a character Latin-1 lacks, controls, DEL, non-ASCII) goes on character by character.
     */
    private static void latinRuns(Utf8Buffer b, String s) {
        byte[] latin = s.getBytes(StandardCharsets.ISO_8859_1);
        // shorter than the string when it holds a surrogate pair (one '?'): the runs stop at the first '?' anyway
        int m = latin.length;
        int i = 0;
        while (true) {
            int run = PLAIN.end(latin, i, m);
            b.bytes(latin, i, run);
            if (run == m) {
                b.ascii('"');
                return;
            }
            byte c = latin[run];
            if (c == '\\') {
                b.ascii("\\\\");
            } else if (c == '"') {
                b.ascii("\\\"");
            } else {
                escape(b, s, b.chars(s), run, s.length());
                return;
            }
            i = run + 1;
        }
    }

    /** Escapes {@code a[from, n)}, the characters of {@code s}, one by one, and closes the string. */
    private static void escape(Utf8Buffer b, String s, char[] a, int from, int n) {
        int start = from;
        for (int i = from; i < n; i++) {
            char c = a[i];
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' || c >= 0x80 && !JsonEscapes.escaped(c)) continue;
            b.append(a, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.ascii("\\\"");
                case '\\' -> b.ascii("\\\\");
                case '\b' -> b.ascii("\\b");
                case '\t' -> b.ascii("\\t");
                case '\n' -> b.ascii("\\n");
                case '\f' -> b.ascii("\\f");
                case '\r' -> b.ascii("\\r");
                default -> {
                    if (SafeText.isLoneSurrogate(s, i)) {
                        b.codePoint(0xfffd);
                    } else {
                        b.ascii("\\u").ascii(HEX[c >> 12]).ascii(HEX[c >> 8 & 0xF]).ascii(HEX[c >> 4 & 0xF]).ascii(HEX[c & 0xF]);
                    }
                }
            }
        }
        b.append(a, start, n).ascii('"');
    }
}
