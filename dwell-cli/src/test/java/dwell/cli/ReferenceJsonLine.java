package dwell.cli;

import dwell.text.JsonEscapes;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.IsoInstant;
import dwell.text.SafeText;
import dwell.text.Utf8Buffer;
import java.time.Instant;

/**
 * One EVTX record as the dump's JSON line (DESIGN.md), encoded straight into a {@link Utf8Buffer} so that chunks
 * render on the parsing threads without intermediate strings. Written by hand rather than with Jackson: a dump writes nothing else, and this keeps the
 * output byte for byte what dwell's Jackson writers ({@link Json}) write at a fraction of the cost.
 */
final class ReferenceJsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ReferenceJsonLine() {
    }

    /**
     * Appends the record's JSON object and a newline: {@code record_id} is the rendered EventRecordID, the header's
     * number follows as {@code chunk_record_id} only where it differs (exported logs).
     */
    static void append(Utf8Buffer b, String file, EvtxEvent e) {
        b.ascii("{\"file\":");
        string(b, file);
        b.ascii(",\"record_id\":").decimal(e.recordId());
        if (e.chunkRecordId() != e.recordId()) b.ascii(",\"chunk_record_id\":").decimal(e.chunkRecordId());
        b.ascii(",\"timestamp\":");
        string(b, timestamp(e.time()));
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
        // the fields walked in place: EVTX's field table makes no entry objects
        boolean[] first = {true};
        e.forEachField((name, value) -> {
            if (!first[0]) b.ascii(',');
            first[0] = false;
            string(b, name);
            b.ascii(':');
            string(b, value);
        });
        b.ascii("},\"recovered\":").ascii(e.recovered() ? "true" : "false").ascii("}\n");
    }

    /** ISO-8601 UTC keeping FILETIME's 100 ns: always seven fraction digits; null stays null. */
    static String timestamp(Instant t) {
        return t == null ? null : IsoInstant.format(t);
    }

    /** Short decimal values (EventID, Level) as JSON numbers, anything else as a string. */
    private static void numberOrString(Utf8Buffer b, String value) {
        if (value != null && !value.isEmpty() && value.length() < 10 && allDigits(value)) {
            b.decimal(Long.parseLong(value));
        } else {
            string(b, value);
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    /**
     * A JSON string escaped as {@link Json}'s writers escape it: quote, backslash, controls, format characters and
     * characters beyond the BMP as escapes, a lone surrogate as U+FFFD.
     */
    static void string(Utf8Buffer b, String s) {
        if (s == null) {
            b.ascii("null");
            return;
        }
        b.ascii('"');
        int n = s.length();
        char[] a = b.chars(s);
        int start = 0;
        for (int i = 0; i < n; i++) {
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
