package dwell.exchange.pack;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.w3c.IisW3cLog;
import java.util.Locale;

/**
 * Names the log folder an event comes from, as Test-ProxyLogon's log-age report groups them:
 * {@code HttpProxy/<Protocol>}, {@code ECP/Server}, {@code OABGeneratorLog}, and {@code IIS/W3SVC<n>} for IIS.
 */
final class LogSeries {
    private LogSeries() {
    }

    /** The series of an event, or null when the event is not from an Exchange or IIS log. */
    static String of(Event event) {
        FormatId f = event.format();
        String[] parts = event.provenance().item().replace('\\', '/').split("/");
        if (f == HttpProxyLog.ID) return "HttpProxy/" + protocol(parts, event.get("Protocol"));
        if (f == EcpLog.ID) return "ECP/" + after(parts, "ecp", "Server");
        if (f == OabGeneratorLog.ID) return "OABGeneratorLog";
        if (f == IisW3cLog.ID) return "IIS/" + site(parts, event.get("s-sitename"));
        return null;
    }

    private static String protocol(String[] parts, String field) {
        String folder = after(parts, "httpproxy", null);
        if (folder != null) return folder;
        return field == null || field.isBlank() ? "unknown" : field.strip();
    }

    private static String site(String[] parts, String siteName) {
        for (int i = parts.length - 2; i >= 0; i--) {
            if (parts[i].toLowerCase(Locale.ROOT).matches("w3svc\\d+")) return parts[i].toUpperCase(Locale.ROOT);
        }
        return siteName == null || siteName.isBlank() ? "W3SVC" : siteName.strip().toUpperCase(Locale.ROOT);
    }

    /** The folder name right after the last folder called {@code name} (not the file itself), or the fallback. */
    private static String after(String[] parts, String name, String fallback) {
        for (int i = parts.length - 3; i >= 0; i--) {
            if (parts[i].toLowerCase(Locale.ROOT).equals(name)) return parts[i + 1];
        }
        return fallback;
    }
}
