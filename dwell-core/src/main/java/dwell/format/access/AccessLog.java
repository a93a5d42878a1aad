package dwell.format.access;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.LineFormat;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Apache/nginx access logs in the common and combined formats, a daily series:
 * {@code remote_addr ident remote_user [time_local] "request" status body_bytes_sent "referer" "user agent"},
 * with anything after the user agent kept as {@code extra}. Quoted values may hold {@code \"} escapes (Apache);
 * nginx's {@code \x22} is kept as written. The request is also split into method, URI, stem, query and protocol.
 * Recognised by the shape of the first line, up to the opening quote of the request.
 */
public final class AccessLog extends LineFormat {
    public static final FormatId ID = FormatId.of("access-combined");

    private static final Pattern FIRST_LINE = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[\\d{1,2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] \"");
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public AccessLog() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public AccessLog(int maxLine) {
        super(ID, LogSource.webserver(), Series.DAILY, maxLine);
    }

    @Override
    protected Clue sniffText(Head head) {
        return FIRST_LINE.matcher(head.firstData()).find() ? Clue.CONTENT : null;
    }

    @Override
    protected Reading reading(String itemPath, Instant modified, EventSink sink) {
        return new Reading() {
            @Override
            protected void line(LineReader lines) {
                String t = lines.text();
                if (t.isBlank()) return;
                String[] v = new String[15];
                String problem = parse(t, v);
                if (problem != null) {
                    sink.unreadable(lines.lineNumber(), problem);
                    return;
                }
                Instant time = time(v[3]);
                if (time == null) {
                    sink.unreadable(lines.lineNumber(), "time is not dd/MMM/yyyy:HH:mm:ss +zzzz: " + v[3]);
                    return;
                }
                sink.event(new AccessLogEvent(itemPath, v, t, lines.lineNumber(), time, logSource()));
            }
        };
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
