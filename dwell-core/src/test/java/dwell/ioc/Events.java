package dwell.ioc;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test events built from field pairs. */
final class Events {
    private Events() {
    }

    /** An event with fields {@code name, value, name, value...}; raw is the values joined by spaces. */
    static MapEvent of(FormatId format, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
            if (raw.length() > 0) raw.append(' ');
            raw.append(kv[i + 1]);
        }
        return new MapEvent(Instant.parse("2021-03-03T04:05:06Z"), format, LogSource.NONE, f, raw.toString(),
                Provenance.line("u_ex210303.log", 7), null);
    }

    static MapEvent iis(String... kv) {
        return of(IisW3cLog.ID, kv);
    }

    /** An event with only raw text and no recognised fields. */
    static MapEvent raw(String text) {
        return new MapEvent(null, Syslog.ID, LogSource.NONE, Map.of("message_id", "1"), text,
                Provenance.line("syslog", 3), null);
    }
}
