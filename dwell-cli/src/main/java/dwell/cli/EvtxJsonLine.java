package dwell.cli;

import dwell.text.JsonEscapes;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.IsoInstant;
import dwell.text.SafeText;
import java.time.Instant;
import java.util.Map;

/**
 * One EVTX record as the dump's JSON line (DESIGN.md), appended to a StringBuilder so that chunks render on the
 * parsing threads. Written by hand rather than with Jackson: a dump writes nothing else, and this keeps the
 * output byte for byte what dwell's Jackson writers ({@link Json}) write at a fraction of the cost.
 */
final class EvtxJsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EvtxJsonLine() {
    }

    /**
     * Appends the record's JSON object and a newline: {@code record_id} is the rendered EventRecordID, the header's
     * number follows as {@code chunk_record_id} only where it differs (exported logs).
     */
    static void append(StringBuilder b, String file, EvtxEvent e) {
        b.append("{\"file\":");
        string(b, file);
        b.append(",\"record_id\":").append(e.recordId());
        if (e.chunkRecordId() != e.recordId()) b.append(",\"chunk_record_id\":").append(e.chunkRecordId());
        b.append(",\"timestamp\":");
        string(b, timestamp(e.time()));
        b.append(",\"event_id\":");
        numberOrString(b, e.eventId());
        b.append(",\"channel\":");
        string(b, e.channel());
        b.append(",\"provider\":");
        string(b, e.provider());
        b.append(",\"computer\":");
        string(b, e.computer());
        b.append(",\"level\":");
        numberOrString(b, e.level());
        b.append(",\"fields\":{");
        boolean first = true;
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            if (!first) b.append(',');
            first = false;
            string(b, f.getKey());
            b.append(':');
            string(b, f.getValue());
        }
        b.append("},\"recovered\":").append(e.recovered()).append("}\n");
    }

    /** ISO-8601 UTC keeping FILETIME's 100 ns: always seven fraction digits; null stays null. */
    static String timestamp(Instant t) {
        return t == null ? null : IsoInstant.format(t);
    }

    /** Short decimal values (EventID, Level) as JSON numbers, anything else as a string. */
    private static void numberOrString(StringBuilder b, String value) {
        if (value != null && !value.isEmpty() && value.length() < 10 && allDigits(value)) {
            b.append(Long.parseLong(value));
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
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' || c >= 0x80 && !JsonEscapes.escaped(c)) continue;
            b.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> {
                    if (SafeText.isLoneSurrogate(s, i)) {
                        b.append('\ufffd');
                    } else {
                        b.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    }
                }
            }
        }
        b.append(s, start, s.length()).append('"');
    }
}
