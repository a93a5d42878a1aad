package dwell.exchange.pack;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.event.LogSources;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.formats.Formats;
import dwell.hunt.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test events in the shapes the readers produce, and a sink that keeps findings. */
final class PackEvents {
    static final CheckRules RULES = CheckRules.load();

    private PackEvents() {
    }

    static Event line(FormatId format, String item, long line, String time, String raw, String... fields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) m.put(fields[i], fields[i + 1]);
        return new MapEvent(time == null ? null : Instant.parse(time), format, Formats.of(format).logSource(), m, raw,
                Provenance.line(item, line), "EXCH01");
    }

    static final class Sink implements dwell.hunt.FindingSink {
        final List<Finding> findings = new ArrayList<>();

        @Override
        public synchronized void add(Finding f) {
            findings.add(f);
        }
    }
}
