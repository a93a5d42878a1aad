package dwell.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Detects an item's format from its first bytes, using the name only to break ties. */
public final class FormatSniffer {
    /** How many leading bytes {@link #sniff} wants to see. */
    public static final int HEAD_BYTES = 8192;

    private static final Pattern ACCESS = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[\\d{1,2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] \"");
    private static final Pattern SYSLOG_5424 = Pattern.compile("^<\\d{1,3}>\\d ");
    private static final Pattern SYSLOG_3164 = Pattern.compile(
            "^(<\\d{1,3}>)?[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+ ");
    private static final Pattern OAB = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

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
        return sniffText(name.toLowerCase(Locale.ROOT), text);
    }

    private static Format sniffText(String name, String text) {
        String first = firstLine(text);
        if (text.contains("#Log-type: HttpProxy") || first.startsWith("DateTime,RequestId")) return Format.EXCHANGE_HTTPPROXY;
        if (text.contains("#Log-type: Message Tracking") || text.contains("#Fields: date-time,")) return Format.EXCHANGE_MSGTRK;
        if (text.contains("#Fields: TimeStamp,ServerName,EventId,EventData") || first.startsWith("TimeStamp,ServerName,EventId,EventData")) {
            return Format.EXCHANGE_ECP;
        }
        if (text.contains("#Software: Microsoft Internet Information Services") || text.contains("#Fields: date time ")) {
            return Format.IIS_W3C;
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) return Format.JSON;
        if (ACCESS.matcher(first).find()) return Format.ACCESS_COMBINED;
        if (SYSLOG_5424.matcher(first).find() || SYSLOG_3164.matcher(first).find()) return Format.SYSLOG;
        if (name.contains("oabgenerator") && OAB.matcher(first).find()) return Format.EXCHANGE_OAB;
        if (name.endsWith(".csv") || looksLikeCsvHeader(first)) return Format.CSV;
        if (name.matches(".*u_ex\\d{6}.*\\.log") && text.startsWith("#")) return Format.IIS_W3C;
        return Format.UNKNOWN;
    }

    private static boolean looksLikeCsvHeader(String first) {
        if (first.isEmpty() || first.length() > 4096) return false;
        String[] cols = first.split(",", -1);
        if (cols.length < 3) return false;
        for (String c : cols) {
            String v = c.strip();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
            if (v.isEmpty() || !v.matches("[A-Za-z_][A-Za-z0-9_ .\\-()/]*")) return false;
        }
        return true;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String l = nl < 0 ? text : text.substring(0, nl);
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }
}
