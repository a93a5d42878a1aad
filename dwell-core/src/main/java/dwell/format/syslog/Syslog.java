package dwell.format.syslog;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.LineFormat;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Syslog files: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}), RFC 3164 / BSD
 * ({@code [<PRI>]Mmm dd HH:mm:ss HOST TAG[PID]: MSG}, as in auth.log) and rsyslog's ISO-timestamped variant
 * of the latter. Fields use RFC 5424's terms: {@code facility}, {@code severity}, {@code timestamp},
 * {@code hostname}, {@code appname}, {@code procid}, {@code msgid}, {@code structured_data}, {@code message}.
 *
 * <p>RFC 3164 times have neither year nor zone. They are taken as UTC, in the year of the item's
 * modification time; a time that would then lie more than a day after that modification time belongs to
 * the year before (a log is not written after its last change). Without a modification time, the current
 * time plays its part. Logsource: {@code linux}/{@code auth} for files named auth.log* or secure*, else
 * {@code linux}/{@code syslog}. Recognised by the shape of the first line: one of the three layouts up to the host.
 */
public final class Syslog extends LineFormat {
    public static final FormatId ID = FormatId.of("syslog");

    private static final Pattern RFC_5424 = Pattern.compile(
            "^<\\d{1,3}>\\d{1,2} (-|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S*) \\S+ \\S+ ");
    private static final Pattern RFC_3164 = Pattern.compile(
            "^(<\\d{1,3}>)?[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+");
    /** rsyslog's high-precision file format: an RFC 3339 time, a host, then {@code tag[pid]:}. */
    private static final Pattern RSYSLOG_ISO = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}) \\S+ [^\\s:\\[]+(\\[\\d+\\])?: ");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    public Syslog() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public Syslog(int maxLine) {
        super(ID, new LogSource("linux", null, null), Series.NONE, maxLine);
    }

    @Override
    protected Clue sniffText(Head head) {
        String first = head.firstData();
        boolean syslog = RFC_5424.matcher(first).find() || RFC_3164.matcher(first).find() || RSYSLOG_ISO.matcher(first).find();
        return syslog ? Clue.CONTENT : null;
    }

    @Override
    protected Reading reading(String itemPath, Instant modified, EventSink sink) {
        Instant reference = modified != null ? modified : Instant.now();
        LogSource source = logSource(itemPath);
        return new Reading() {
            @Override
            protected void line(LineReader lines) {
                String t = lines.text();
                if (t.isBlank()) return;
                Map<String, String> f = new LinkedHashMap<>();
                Instant[] time = new Instant[1];
                String problem = parse(t, reference, f, time);
                if (problem != null) {
                    sink.unreadable(lines.lineNumber(), problem);
                    return;
                }
                sink.event(new MapEvent(time[0], ID, source, f, t, Provenance.line(itemPath, lines.lineNumber()),
                        f.get("hostname")));
            }
        };
    }

    /** The format's product, with the service its file name tells: {@code auth} for auth.log* and secure*. */
    LogSource logSource(String itemPath) {
        String p = itemPath.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return new LogSource(logSource().product(), null, name.startsWith("auth") || name.startsWith("secure") ? "auth" : "syslog");
    }

    /** Fills the fields and time of one line; returns why it is not syslog, or null. */
    static String parse(String s, Instant reference, Map<String, String> f, Instant[] time) {
        int i = 0;
        if (s.startsWith("<")) {
            int close = s.indexOf('>');
            if (close < 2 || close > 4) return "malformed <PRI>";
            int pri;
            try {
                pri = Integer.parseInt(s.substring(1, close));
            } catch (NumberFormatException e) {
                return "malformed <PRI>";
            }
            if (pri > 191) return "<PRI> above 191";
            f.put("facility", Integer.toString(pri / 8));
            f.put("severity", Integer.toString(pri % 8));
            i = close + 1;
            if (i + 1 < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i + 1) == ' ') return rfc5424(s, i + 2, f, time);
        }
        int afterTime = bsdTime(s, i, reference, time);
        if (afterTime < 0) afterTime = isoTime(s, i, time);
        if (afterTime < 0) return "not a syslog line: no RFC 3164, RFC 5424 or ISO-8601 timestamp";
        f.put("timestamp", s.substring(i, afterTime).strip());
        bsdRest(s, afterTime, f);
        return null;
    }

    private static String rfc5424(String s, int i, Map<String, String> f, Instant[] time) {
        String[] head = new String[5];
        int p = i;
        for (int k = 0; k < 5; k++) {
            int sp = s.indexOf(' ', p);
            if (sp < 0) {
                if (k < 4) return "RFC 5424 header has fewer than 5 fields";
                sp = s.length();
            }
            head[k] = s.substring(p, sp);
            p = Math.min(s.length(), sp + 1);
        }
        if (!head[0].equals("-")) {
            time[0] = Timestamps.iso(head[0]);
            if (time[0] == null) return "RFC 5424 timestamp is not RFC 3339: " + head[0];
        }
        String[] names = {"timestamp", "hostname", "appname", "procid", "msgid"};
        for (int k = 0; k < 5; k++) if (!head[k].equals("-")) f.put(names[k], head[k]);
        int sdEnd = structuredDataEnd(s, p);
        if (sdEnd < 0) return "RFC 5424 structured data not closed";
        String sd = s.substring(p, sdEnd);
        if (!sd.equals("-") && !sd.isEmpty()) f.put("structured_data", sd);
        if (sdEnd < s.length()) {
            String msg = s.substring(sdEnd).strip();
            if (msg.startsWith("\ufeff")) msg = msg.substring(1);
            f.put("message", msg);
        }
        return null;
    }

    /** The end of the SD-ELEMENTs starting at {@code p} ({@code -} or {@code [...]...}), or -1. */
    private static int structuredDataEnd(String s, int p) {
        if (p >= s.length()) return p;
        if (s.charAt(p) == '-') return p + 1;
        int i = p;
        while (i < s.length() && s.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            while (true) {
                if (i >= s.length()) return -1;
                char c = s.charAt(i);
                if (c == '\\' && quoted) i++;
                else if (c == '"') quoted = !quoted;
                else if (c == ']' && !quoted) break;
                i++;
            }
            i++;
        }
        return i == p ? p : i;
    }

    /** Parses {@code Mmm dd HH:mm:ss} at {@code i} with the year rule; returns the index after it, or -1. */
    static int bsdTime(String s, int i, Instant reference, Instant[] time) {
        if (s.length() < i + 15 || s.charAt(i + 3) != ' ' || s.charAt(i + 6) != ' ' || s.charAt(i + 9) != ':') return -1;
        int month = -1;
        for (int m = 0; m < 12; m++) if (s.regionMatches(true, i, MONTHS[m], 0, 3)) month = m + 1;
        if (month < 0) return -1;
        String day = s.substring(i + 4, i + 6).strip();
        if (day.isEmpty() || !day.chars().allMatch(Character::isDigit)) return -1;
        String clock = s.substring(i + 7, i + 15);
        int year = reference.atOffset(ZoneOffset.UTC).getYear();
        String date = "-" + (month < 10 ? "0" : "") + month + "-" + (day.length() == 1 ? "0" : "") + day + "T" + clock + "Z";
        Instant t = Timestamps.iso(year + date);
        if (t == null || t.isAfter(reference.plusSeconds(86400))) t = Timestamps.iso((year - 1) + date);
        if (t == null) return -1;
        time[0] = t;
        return i + 15;
    }

    /** Parses an ISO-8601 time token (rsyslog's high-precision file format); returns the index after it, or -1. */
    private static int isoTime(String s, int i, Instant[] time) {
        int sp = s.indexOf(' ', i);
        if (sp < 0 || sp - i < 19) return -1;
        Instant t = Timestamps.iso(s.substring(i, sp));
        if (t == null) return -1;
        time[0] = t;
        return sp;
    }

    /** {@code HOST TAG[PID]: MSG} after the time; a host-less line starts with the tag. */
    private static void bsdRest(String s, int p, Map<String, String> f) {
        int i = p;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        int sp = s.indexOf(' ', i);
        String first = sp < 0 ? s.substring(i) : s.substring(i, sp);
        if (!first.isEmpty() && !first.endsWith(":") && !first.contains("[")) {
            f.put("hostname", first);
            i = sp < 0 ? s.length() : sp + 1;
        }
        int tagEnd = i;
        while (tagEnd < s.length() && s.charAt(tagEnd) != ':' && s.charAt(tagEnd) != '[' && s.charAt(tagEnd) != ' ') tagEnd++;
        int msg = i;
        if (tagEnd < s.length() && tagEnd > i) {
            String tag = s.substring(i, tagEnd);
            int after = tagEnd;
            String pid = null;
            if (s.charAt(after) == '[') {
                int close = s.indexOf(']', after);
                if (close > after) {
                    pid = s.substring(after + 1, close);
                    after = close + 1;
                }
            }
            if (after < s.length() && s.charAt(after) == ':') {
                f.put("appname", tag);
                if (pid != null) f.put("procid", pid);
                msg = after + 1;
            }
        }
        f.put("message", s.substring(Math.min(msg, s.length())).strip());
    }
}
