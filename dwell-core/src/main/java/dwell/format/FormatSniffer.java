package dwell.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Detects an item's format from its first bytes: magic numbers for binary formats, then for text the
 * directive block ({@code #Software}, {@code #Log-type}, {@code #Fields}), the header row or the shape of
 * the first data line. The name only breaks ties (OAB generator logs, {@code u_exYYMMDD.log}, {@code .csv}).
 * Only directive lines at the top are trusted, so a logged request that contains directive text cannot
 * change an item's format.
 */
public final class FormatSniffer {
    /** How many leading bytes {@link #sniff} wants to see. */
    public static final int HEAD_BYTES = 8192;

    private static final Pattern ACCESS = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[\\d{1,2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] \"");
    private static final Pattern SYSLOG_5424 = Pattern.compile(
            "^<\\d{1,3}>\\d{1,2} (-|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S*) \\S+ \\S+ ");
    private static final Pattern SYSLOG_3164 = Pattern.compile(
            "^(<\\d{1,3}>)?[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+");
    /** rsyslog's high-precision file format: an RFC 3339 time, a host, then {@code tag[pid]:}. */
    private static final Pattern SYSLOG_ISO = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}) \\S+ [^\\s:\\[]+(\\[\\d+\\])?: ");
    private static final Pattern LEADING_ISO = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern W3C_DATA = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ \\S+ \\S+ \\S+ \\S+ \\S+");
    private static final Pattern CSV_NAME = Pattern.compile("[A-Za-z_@#][A-Za-z0-9_ .\\-()/@#:]*");
    private static final Set<String> W3C_FIELDS = Set.of("date", "time", "c-ip", "s-ip", "cs-method", "cs-uri-stem",
            "cs-uri-query", "sc-status", "s-port", "cs-username", "time-taken", "s-sitename", "s-computername");

    private FormatSniffer() {
    }

    public static Format sniff(String name, byte[] head, int len) {
        if (len >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return Format.ZIP;
        }
        if (len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return Format.GZIP;
        if (len >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) return Format.TAR;
        if (len >= 8 && new String(head, 0, 8, StandardCharsets.ISO_8859_1).equals("ElfFile\0")) return Format.EVTX;
        String text = TextHead.decode(head, len);
        if (text == null) return Format.UNKNOWN;
        return sniffText(name.replace('\\', '/').toLowerCase(Locale.ROOT), text);
    }

    static Format sniffText(String name, String text) {
        Head h = Head.of(text);
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        Format byDirectives = byDirectives(h);
        if (byDirectives != null) return byDirectives;
        String first = h.firstData;
        if (h.directives.isEmpty()) {
            if (first.startsWith("DateTime,RequestId,") || first.startsWith("DateTime,") && first.contains(",ServerHostName")) {
                return Format.EXCHANGE_HTTPPROXY;
            }
            if (first.startsWith("TimeStamp,ServerName,EventId,EventData")) return Format.EXCHANGE_ECP;
            if (first.startsWith("date-time,client-ip,")) return Format.EXCHANGE_MSGTRK;
        }
        if (looksLikeJson(text)) return Format.JSON;
        if (ACCESS.matcher(first).find()) return Format.ACCESS_COMBINED;
        // before syslog: "2021-03-03T01:00:03.120Z [OABGeneratorAssistant] Information: ..." also fits rsyslog's
        // "time host tag:" layout, and an OAB generator log is what its folder and words say it is
        if (LEADING_ISO.matcher(first).find()
                && (name.contains("oabgenerator") || text.contains("OABGenerator") || text.contains("Offline Address Book"))) {
            return Format.EXCHANGE_OAB;
        }
        if (SYSLOG_5424.matcher(first).find() || SYSLOG_3164.matcher(first).find() || SYSLOG_ISO.matcher(first).find()) {
            return Format.SYSLOG;
        }
        boolean iisName = fileName.matches("u_ex\\d{6,8}(_x)?(\\.\\d+)?\\.log") || name.contains("/w3svc");
        if (W3C_DATA.matcher(first).find() && !first.contains(",")) return Format.IIS_W3C;
        if (iisName && (text.startsWith("#") || first.isEmpty())) return Format.IIS_W3C;
        if (h.directives.isEmpty() && (looksLikeCsvHeader(first) || (fileName.endsWith(".csv") || fileName.endsWith(".tsv")) && !first.isEmpty())) {
            return Format.CSV;
        }
        return Format.UNKNOWN;
    }

    /** The format named by the leading {@code #} directives, or null. */
    private static Format byDirectives(Head h) {
        String software = h.directive("#Software:");
        String logType = h.directive("#Log-type:");
        String fields = h.directive("#Fields:");
        if (logType != null) {
            String t = logType.toLowerCase(Locale.ROOT);
            if (t.contains("httpproxy")) return Format.EXCHANGE_HTTPPROXY;
            if (t.contains("message tracking")) return Format.EXCHANGE_MSGTRK;
            if (t.contains("ecp")) return Format.EXCHANGE_ECP;
            if (t.contains("oab")) return Format.EXCHANGE_OAB;
        }
        if (fields != null) {
            if (fields.startsWith("DateTime,RequestId") || fields.startsWith("DateTime,") && fields.contains(",ServerHostName")) {
                return Format.EXCHANGE_HTTPPROXY;
            }
            if (fields.startsWith("date-time,")) return Format.EXCHANGE_MSGTRK;
            if (fields.startsWith("TimeStamp,ServerName,EventId,EventData")) return Format.EXCHANGE_ECP;
        }
        if (software != null && software.startsWith("Microsoft Internet Information Services")) return Format.IIS_W3C;
        if (fields != null && !fields.contains(",")) {
            for (String f : fields.trim().split("\\s+")) if (W3C_FIELDS.contains(f)) return Format.IIS_W3C;
        }
        return null;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        if (t.isEmpty()) return false;
        char c = t.charAt(0);
        if (c != '{' && c != '[') return false;
        String rest = t.substring(1).stripLeading();
        if (rest.isEmpty()) return true;
        char n = rest.charAt(0);
        return c == '{' ? n == '"' || n == '}' : n == '{' || n == ']';
    }

    private static boolean looksLikeCsvHeader(String first) {
        if (first.isEmpty() || first.length() > 4096) return false;
        char delimiter = ',';
        if (count(first, ';') > count(first, delimiter)) delimiter = ';';
        if (count(first, '\t') > count(first, delimiter)) delimiter = '\t';
        String[] cols = first.split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (cols.length < 3) return false;
        for (String c : cols) {
            String v = c.strip();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
            if (v.isEmpty() || !CSV_NAME.matcher(v).matches()) return false;
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    /** The leading {@code #} directive lines of a head and its first other non-blank line. */
    private record Head(List<String> directives, String firstData) {
        static Head of(String text) {
            List<String> directives = new ArrayList<>();
            String firstData = "";
            int pos = 0;
            while (pos < text.length()) {
                int nl = text.indexOf('\n', pos);
                String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
                pos = nl < 0 ? text.length() : nl + 1;
                if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                if (line.isBlank()) continue;
                if (line.startsWith("#")) {
                    directives.add(line);
                    continue;
                }
                firstData = line;
                break;
            }
            return new Head(directives, firstData);
        }

        /** The value of the first directive with this prefix (case-insensitive), or null. */
        String directive(String prefix) {
            for (String d : directives) {
                if (d.regionMatches(true, 0, prefix, 0, prefix.length())) return d.substring(prefix.length()).strip();
            }
            return null;
        }
    }
}
