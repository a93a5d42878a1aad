package dwell.format.csv;

import dwell.event.FieldAliases;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.Columns;
import dwell.format.text.CsvRecords;
import dwell.format.text.LineReader;
import dwell.format.text.RowEvent;
import dwell.format.text.TextFormat;
import dwell.format.text.TextStreams;
import dwell.format.text.Timestamps;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A CSV file whose first record is a header row (exports of event logs, timelines, tool output).
 * The delimiter is the one of {@code , ; TAB} that the header line holds most of. Fields answer to the
 * {@link FieldAliases}; the time is the first parseable time field of the aliases' list, else the first
 * column whose name mentions time or date; the logsource follows a {@code Channel} column when there is one.
 * Recognised, when no directives lead, by a first line of three or more column names, or by a first line in a
 * file named {@code .csv} or {@code .tsv}.
 */
public final class CsvLog extends TextFormat {
    public static final FormatId ID = FormatId.of("csv");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_@#][A-Za-z0-9_ .\\-()/@#:]*");

    /** Asked for at the first read: the registry makes every format, and sniffing needs no aliases. */
    private final Supplier<FieldAliases> aliases;

    public CsvLog() {
        this(LineReader.DEFAULT_MAX_LINE, FieldAliases::builtIn);
    }

    public CsvLog(int maxLine, FieldAliases aliases) {
        this(maxLine, () -> aliases);
    }

    private CsvLog(int maxLine, Supplier<FieldAliases> aliases) {
        super(ID, LogSource.NONE, Series.NONE, maxLine);
        this.aliases = aliases;
    }

    @Override
    protected Clue sniffText(Head head) {
        if (head.hasDirectives()) return null;
        String first = head.firstData();
        String name = head.fileName();
        boolean csvName = name.endsWith(".csv") || name.endsWith(".tsv");
        return headerRow(first) || csvName && !first.isEmpty() ? Clue.CONTENT : null;
    }

    /** Three or more column names split by the delimiter the line holds most of (comma on a tie), quoted or not. */
    private static boolean headerRow(String first) {
        if (first.isEmpty() || first.length() > 4096) return false;
        char delimiter = ',';
        if (count(first, ';') > count(first, delimiter)) delimiter = ';';
        if (count(first, '\t') > count(first, delimiter)) delimiter = '\t';
        String[] cols = first.split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (cols.length < 3) return false;
        for (String c : cols) {
            String v = c.strip();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
            if (v.isEmpty() || !COLUMN_NAME.matcher(v).matches()) return false;
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    @Override
    public void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
        FieldAliases aliases = this.aliases.get();
        BufferedInputStream text = new BufferedInputStream(TextStreams.utf8(in), 1 << 16);
        char delimiter = delimiter(text);
        CsvRecords records = new CsvRecords(new LineReader(text, maxLine), delimiter, sink, false);
        Columns columns = null;
        int[] timeColumns = new int[0];
        while (records.next()) {
            List<String> values = records.values();
            if (columns == null) {
                columns = new Columns(itemPath, ID, values.stream().map(String::strip).toList());
                timeColumns = timeColumns(columns, aliases);
                continue;
            }
            if (values.size() > columns.size()) {
                sink.unreadable(records.line(), values.size() + " values where the header names " + columns.size());
                continue;
            }
            String[] row = values.toArray(String[]::new);
            Instant time = null;
            for (int i : timeColumns) {
                if (i < row.length && (time = Timestamps.lenient(row[i])) != null) break;
            }
            RowEvent probe = new RowEvent(columns, row, null, aliases, records.text(), records.line(), time, LogSource.NONE, null);
            String channel = probe.get("Channel");
            LogSource source = channel != null && !channel.isEmpty() ? LogSources.forChannel(channel) : logSource();
            String host = probe.get("Computer");
            sink.event(new RowEvent(columns, row, null, aliases, records.text(), records.line(), time, source,
                    host == null || host.isEmpty() ? null : host));
        }
    }

    /** Columns that may hold the event time, in order of preference. */
    private static int[] timeColumns(Columns columns, FieldAliases aliases) {
        java.util.LinkedHashSet<Integer> found = new java.util.LinkedHashSet<>();
        for (String t : aliases.timeFields()) {
            int i = columns.indexOf(t);
            if (i >= 0) found.add(i);
        }
        for (int i = 0; i < columns.size(); i++) {
            String n = columns.name(i).toLowerCase(Locale.ROOT);
            if (n.contains("time") || n.contains("date")) found.add(i);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The delimiter the first line uses most: comma, semicolon or tab (comma on a tie). */
    static char delimiter(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        byte[] head = in.readNBytes(1 << 16);
        in.reset();
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (byte b : head) {
            if (b == '\n') break;
            if (b == '"') quoted = !quoted;
            if (quoted) continue;
            if (b == ',') comma++;
            else if (b == ';') semi++;
            else if (b == '\t') tab++;
        }
        if (tab > comma && tab > semi) return '\t';
        if (semi > comma) return ';';
        return ',';
    }
}
