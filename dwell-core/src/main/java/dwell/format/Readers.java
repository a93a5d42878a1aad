package dwell.format;

import java.util.EnumMap;
import java.util.Map;

/** The reader for each event format; archives and unknown items have none. */
public final class Readers {
    private static final Map<Format, EventReader> READERS = new EnumMap<>(Format.class);

    static {
        // one reader per format; registered here so the catalog's sniffed format finds its reader
        register(new dwell.format.w3c.W3cReader());
        register(dwell.format.exchange.ExchangeCsvReader.httpProxy());
        register(dwell.format.exchange.ExchangeCsvReader.ecp());
        register(dwell.format.exchange.ExchangeCsvReader.messageTracking());
        register(new dwell.format.exchange.OabGeneratorReader());
        register(new dwell.format.json.JsonReader());
        register(new dwell.format.csv.CsvReader());
        register(new dwell.format.access.AccessLogReader());
        register(new dwell.format.syslog.SyslogReader());
    }

    private Readers() {
    }

    /** The reader for a format, or null when the format carries no events (archives, unknown). */
    public static EventReader forFormat(Format format) {
        return READERS.get(format);
    }

    static void register(EventReader reader) {
        READERS.put(reader.format(), reader);
    }
}
