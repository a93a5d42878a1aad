package dwell.format.exchange;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.Columns;
import dwell.format.text.CsvRecords;
import dwell.format.text.LineReader;
import dwell.format.text.RowEvent;
import dwell.format.text.TextFormat;
import dwell.format.text.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV logs of Exchange's log writer, a file a day: {@code #Software}/{@code #Version}/{@code #Log-type}/
 * {@code #Date} directives, a {@code #Fields:} header (or a plain header row), then quoted CSV records.
 * Columns are taken by name, so older builds with fewer columns read the same way. Recognised by the words of
 * the {@code #Log-type:}, else by the layout of {@code #Fields:}, else by a header row with no directives.
 */
abstract class ExchangeCsvLog extends TextFormat {
    private final String logType;
    private final String firstColumn;
    private final String timeColumn;
    private final String hostColumn;
    private final boolean eventDataPairs;

    /**
     * @param service the Sigma logsource service of its events (product {@code exchange})
     * @param logType words that its {@code #Log-type:} holds (in lower case)
     * @param firstColumn the name of its first column, which tells a header row (also mid-file)
     * @param eventDataPairs whether the {@code S:KEY=value} pairs of an {@code EventData} column are fields too
     */
    protected ExchangeCsvLog(FormatId id, String service, String logType, String firstColumn, String timeColumn,
                             String hostColumn, boolean eventDataPairs) {
        super(id, new LogSource("exchange", null, service), Series.DAILY, LineReader.DEFAULT_MAX_LINE);
        this.logType = logType;
        this.firstColumn = firstColumn;
        this.timeColumn = timeColumn;
        this.hostColumn = hostColumn;
        this.eventDataPairs = eventDataPairs;
    }

    @Override
    protected final Clue sniffText(Head head) {
        if (logTypeSays(head, logType)) return Clue.LOG_TYPE;
        String fields = head.directive("#Fields:");
        if (fields != null && fieldsAre(fields)) return Clue.FIELDS;
        if (!head.hasDirectives() && headerRow(head.firstData())) return Clue.HEADER_ROW;
        return null;
    }

    /** True when the value of a {@code #Fields:} directive is this log's layout. */
    protected abstract boolean fieldsAre(String fields);

    /** True when a first line, with no directives above it, is this log's header row. */
    protected abstract boolean headerRow(String line);

    /** True when the head's {@code #Log-type:} directive holds {@code words} (in lower case). */
    static boolean logTypeSays(Head head, String words) {
        String t = head.directive("#Log-type:");
        return t != null && t.toLowerCase(Locale.ROOT).contains(words);
    }

    @Override
    public final void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
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
                    columns = new Columns(itemPath, id(), header);
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
            sink.event(new RowEvent(columns, row, pairs, null, records.text(), records.line(), t, logSource(), h));
        }
    }
}
