package dwell.exchange.pack;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.w3c.IisW3cLog;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names the log folder an event comes from, as Test-ProxyLogon's log-age report groups them:
 * {@code HttpProxy/<Protocol>}, {@code ECP/Server}, {@code OABGeneratorLog}, and {@code IIS/W3SVC<n>} for IIS.
 */
final class LogSeries {
    private static final Pattern IIS_SITE = Pattern.compile("w3svc\\d+");

    /** What an item's path says of its series; a thread reads an item's events in a row, so it is worked out once an item. */
    private record FromPath(String item, FormatId format, String series) {
    }

    private static final ThreadLocal<FromPath> LAST = new ThreadLocal<>();

    private LogSeries() {
    }

    /** The series of an event, or null when the event is not from an Exchange or IIS log. */
    static String of(Event event) {
        FormatId f = event.format();
        if (f == OabGeneratorLog.ID) return "OABGeneratorLog";
        if (f != HttpProxyLog.ID && f != EcpLog.ID && f != IisW3cLog.ID) return null;
        String item = event.provenance().item();
        FromPath known = LAST.get();
        if (known == null || known.format() != f || !known.item().equals(item)) {
            String folder = folder(f, item.replace('\\', '/').split("/"));
            known = new FromPath(item, f, folder == null ? null : prefix(f) + folder);
            LAST.set(known);
        }
        if (known.series() != null) return known.series();
        return f == HttpProxyLog.ID ? prefix(f) + fallback(event.get("Protocol"), "unknown", false)
                : prefix(f) + fallback(event.get("s-sitename"), "W3SVC", true);
    }

    private static String prefix(FormatId f) {
        return f == HttpProxyLog.ID ? "HttpProxy/" : f == EcpLog.ID ? "ECP/" : "IIS/";
    }

    /** The folder naming the series, or null when the path names none (then a field of the event does). */
    private static String folder(FormatId f, String[] parts) {
        if (f == HttpProxyLog.ID) return after(parts, "httpproxy", null);
        if (f == EcpLog.ID) return after(parts, "ecp", "Server");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (IIS_SITE.matcher(parts[i].toLowerCase(Locale.ROOT)).matches()) return parts[i].toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private static String fallback(String field, String otherwise, boolean upper) {
        if (field == null || field.isBlank()) return otherwise;
        return upper ? field.strip().toUpperCase(Locale.ROOT) : field.strip();
    }

    /** The folder name right after the last folder called {@code name} (not the file itself), or the fallback. */
    private static String after(String[] parts, String name, String fallback) {
        for (int i = parts.length - 3; i >= 0; i--) {
            if (parts[i].toLowerCase(Locale.ROOT).equals(name)) return parts[i + 1];
        }
        return fallback;
    }
}
