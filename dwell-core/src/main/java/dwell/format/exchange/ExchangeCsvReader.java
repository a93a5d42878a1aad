package dwell.format.exchange;

import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.format.EventReader;
import dwell.format.EventSink;
import dwell.format.Format;
import dwell.format.text.Columns;
import dwell.format.text.CsvRecords;
import dwell.format.text.LineReader;
import dwell.format.text.RowEvent;
import dwell.format.text.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the CSV logs of Exchange's log writer: {@code #Software}/{@code #Version}/{@code #Log-type}/
 * {@code #Date} directives, a {@code #Fields:} header (or a plain header row), then quoted CSV records.
 * Columns are taken by name, so older builds with fewer columns read the same way.
 */
public final class ExchangeCsvReader implements EventReader {
    private final Format format;
    private final String firstColumn;
    private final String timeColumn;
    private final String hostColumn;
    private final boolean eventDataPairs;
    private final int maxLine;

    private ExchangeCsvReader(Format format, String firstColumn, String timeColumn, String hostColumn,
                              boolean eventDataPairs, int maxLine) {
        this.format = format;
        this.firstColumn = firstColumn;
        this.timeColumn = timeColumn;
        this.hostColumn = hostColumn;
        this.eventDataPairs = eventDataPairs;
        this.maxLine = maxLine;
    }

    /** HttpProxy logs ({@code Logging\HttpProxy\<Protocol>\HttpProxy_*.LOG}): time {@code DateTime}, host {@code ServerHostName}. */
    public static ExchangeCsvReader httpProxy() {
        return new ExchangeCsvReader(Format.EXCHANGE_HTTPPROXY, "DateTime", "DateTime", "ServerHostName", false,
                LineReader.DEFAULT_MAX_LINE);
    }

    /**
     * ECP Server and Activity logs: {@code TimeStamp,ServerName,EventId,EventData}; the {@code S:KEY=value}
     * pairs of EventData are fields too (see {@link EcpEventData}).
     */
    public static ExchangeCsvReader ecp() {
        return new ExchangeCsvReader(Format.EXCHANGE_ECP, "TimeStamp", "TimeStamp", "ServerName", true,
                LineReader.DEFAULT_MAX_LINE);
    }

    /** Message tracking logs ({@code #Fields: date-time,client-ip,...}): host {@code server-hostname}. */
    public static ExchangeCsvReader messageTracking() {
        return new ExchangeCsvReader(Format.EXCHANGE_MSGTRK, "date-time", "date-time", "server-hostname", false,
                LineReader.DEFAULT_MAX_LINE);
    }

    /** The same reader with another cap on line (and record) length. */
    public ExchangeCsvReader withMaxLine(int bytes) {
        return new ExchangeCsvReader(format, firstColumn, timeColumn, hostColumn, eventDataPairs, bytes);
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void read(String itemPath, InputStream in, EventSink sink) throws IOException {
        LogSource logSource = LogSources.forFormat(format);
        CsvRecords records = new CsvRecords(LineReader.open(in, maxLine), ',', sink);
        Columns columns = null;
        int time = -1;
        int host = -1;
        int eventData = -1;
        while (records.next()) {
            List<String> values = records.values();
            List<String> header = null;
            if (records.directive()) {
                String d = records.text();
                if (d.regionMatches(true, 0, "#Fields:", 0, 8)) {
                    header = Arrays.stream(d.substring(8).split(",", -1)).map(String::strip).toList();
                } else {
                    continue;
                }
            } else if (!values.isEmpty() && values.get(0).strip().equalsIgnoreCase(firstColumn)) {
                // a header row; also mid-file, where logs were concatenated
                header = values.stream().map(String::strip).toList();
            }
            if (header != null) {
                if (columns == null || !columns.sameNames(header)) {
                    columns = new Columns(itemPath, format, header);
                    time = columns.indexOfAny(timeColumn, timeColumn.toLowerCase(Locale.ROOT));
                    host = columns.indexOf(hostColumn);
                    eventData = columns.indexOf("EventData");
                }
                continue;
            }
            if (columns == null) {
                sink.unreadable(records.line(), "record before any header (#Fields: or a " + firstColumn
                        + ",... row): the columns are unknown");
                continue;
            }
            if (values.size() > columns.size()) {
                sink.unreadable(records.line(), values.size() + " values where the header names " + columns.size());
                continue;
            }
            String[] row = values.toArray(String[]::new);
            Instant t = time >= 0 && time < row.length ? Timestamps.iso(row[time]) : null;
            if (t == null && time >= 0) {
                String shown = time < row.length ? row[time] : "";
                sink.unreadable(records.line(), timeColumn + " is not an ISO-8601 time: '"
                        + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + "'");
                continue;
            }
            Map<String, String> pairs = null;
            if (eventDataPairs && eventData >= 0 && eventData < row.length) {
                pairs = EcpEventData.pairs(row[eventData]);
                for (int i = 0; i < columns.size(); i++) pairs.remove(columns.name(i));
                if (pairs.isEmpty()) pairs = null;
            }
            String h = host >= 0 && host < row.length && !row[host].isEmpty() ? row[host] : null;
            sink.event(new RowEvent(columns, row, pairs, null, records.text(), records.line(), t, logSource, h));
        }
    }
}
