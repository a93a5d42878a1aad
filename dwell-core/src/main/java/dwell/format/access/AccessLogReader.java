package dwell.format.access;

import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.format.EventReader;
import dwell.format.EventSink;
import dwell.format.Format;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Reads Apache/nginx access logs in the common and combined formats:
 * {@code remote_addr ident remote_user [time_local] "request" status body_bytes_sent "referer" "user agent"},
 * with anything after the user agent kept as {@code extra}. Quoted values may hold {@code \"} escapes (Apache);
 * nginx's {@code \x22} is kept as written. The request is also split into method, URI, stem, query and protocol.
 */
public final class AccessLogReader implements EventReader {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final int maxLine;

    public AccessLogReader() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public AccessLogReader(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public Format format() {
        return Format.ACCESS_COMBINED;
    }

    @Override
    public void read(String itemPath, InputStream in, EventSink sink) throws IOException {
        LogSource source = LogSources.forFormat(Format.ACCESS_COMBINED);
        LineReader lines = LineReader.open(in, maxLine);
        while (lines.next()) {
            if (lines.tooLong()) {
                sink.unreadable(lines.lineNumber(), lines.tooLongReason());
                continue;
            }
            String t = lines.text();
            if (t.isBlank()) continue;
            String[] v = new String[15];
            String problem = parse(t, v);
            if (problem != null) {
                sink.unreadable(lines.lineNumber(), problem);
                continue;
            }
            Instant time = time(v[3]);
            if (time == null) {
                sink.unreadable(lines.lineNumber(), "time is not dd/MMM/yyyy:HH:mm:ss +zzzz: " + v[3]);
                continue;
            }
            sink.event(new AccessLogEvent(itemPath, v, t, lines.lineNumber(), time, source));
        }
    }

    /** Fills {@code v} from a line; returns why the line is not an access log line, or null. */
    static String parse(String s, String[] v) {
        Cursor c = new Cursor(s);
        v[0] = c.token();
        v[1] = c.token();
        v[2] = c.token();
        if (v[2] == null) return "fewer fields than the common log format";
        if (!c.at('[')) return "no [time] after the user";
        int close = s.indexOf(']', c.pos);
        if (close < 0) return "[time] not closed";
        v[3] = s.substring(c.pos + 1, close);
        c.pos = close + 1;
        c.spaces();
        v[4] = c.quoted();
        if (v[4] == null) return "no quoted request after the time";
        v[5] = c.token();
        v[6] = c.token();
        if (v[6] == null) return "no status and size after the request";
        v[7] = c.quoted();
        v[8] = v[7] == null ? null : c.quoted();
        c.spaces();
        if (c.pos < s.length()) v[9] = s.substring(c.pos);
        splitRequest(v);
        return null;
    }

    /** method URI protocol; a request that is not three tokens (garbage sent to the port) keeps them null. */
    private static void splitRequest(String[] v) {
        String r = v[4];
        int a = r.indexOf(' ');
        int b = r.lastIndexOf(' ');
        if (a <= 0) return;
        v[10] = r.substring(0, a);
        String uri = b > a ? r.substring(a + 1, b) : r.substring(a + 1);
        if (b > a) v[14] = r.substring(b + 1);
        v[11] = uri;
        int q = uri.indexOf('?');
        v[12] = q < 0 ? uri : uri.substring(0, q);
        v[13] = q < 0 ? "-" : uri.substring(q + 1);
    }

    /** {@code 10/Oct/2000:13:55:36 -0700} as an instant. */
    static Instant time(String t) {
        if (t.length() != 26 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':' || t.charAt(20) != ' ') return null;
        int month = -1;
        for (int i = 0; i < 12; i++) if (t.regionMatches(true, 3, MONTHS[i], 0, 3)) month = i + 1;
        if (month < 0) return null;
        Instant local = Timestamps.iso(t.substring(7, 11) + "-" + (month < 10 ? "0" : "") + month + "-" + t.substring(0, 2)
                + "T" + t.substring(12, 20) + t.substring(21, 24) + ":" + t.substring(24, 26));
        return local;
    }

    /** A position in a line, reading space-separated tokens and quoted values. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        void spaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        }

        boolean at(char c) {
            spaces();
            return pos < s.length() && s.charAt(pos) == c;
        }

        String token() {
            spaces();
            if (pos >= s.length()) return null;
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ') pos++;
            return s.substring(start, pos);
        }

        String quoted() {
            if (!at('"')) return null;
            StringBuilder b = new StringBuilder();
            int i = pos + 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                    b.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    pos = i + 1;
                    return b.toString();
                }
                b.append(c);
                i++;
            }
            return null;
        }
    }
}
