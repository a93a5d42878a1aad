package dwell.format;

import dwell.format.access.AccessLogReader;
import dwell.format.csv.CsvReader;
import dwell.format.exchange.ExchangeCsvReader;
import dwell.format.exchange.OabGeneratorReader;
import dwell.format.json.JsonReader;
import dwell.format.syslog.SyslogReader;
import dwell.format.w3c.W3cReader;
import java.util.EnumMap;
import java.util.Map;

/** The reader for each event format; archives and unknown items have none. */
public final class Readers {
    private static final Map<Format, EventReader> READERS = new EnumMap<>(Format.class);

    static {
        // one reader per format; registered here so the catalog's sniffed format finds its reader
        register(new W3cReader());
        register(ExchangeCsvReader.httpProxy());
        register(ExchangeCsvReader.ecp());
        register(ExchangeCsvReader.messageTracking());
        register(new OabGeneratorReader());
        register(new JsonReader());
        register(new CsvReader());
        register(new AccessLogReader());
        register(new SyslogReader());
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
