package dwell.format.w3c;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.LineFormat;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * W3C extended log files as IIS writes them ({@code u_exYYMMDD.log}, a file a day): {@code #} directives, then
 * lines of values separated by white space in the order of the latest {@code #Fields:} directive, which
 * may change mid-file. {@code date} and {@code time} are UTC; without a {@code date} field the day comes
 * from the {@code #Date:} directive. Lines are split on bytes; values are decoded lazily. Recognised by IIS's
 * {@code #Software:}, W3C field names in {@code #Fields:}, data lines of W3C's shape, or IIS's file names.
 */
public final class IisW3cLog extends LineFormat {
    public static final FormatId ID = FormatId.of("iis-w3c");

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Pattern DATA = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ \\S+ \\S+ \\S+ \\S+ \\S+");
    private static final Pattern FILE_NAME = Pattern.compile("u_ex\\d{6,8}(_x)?(\\.\\d+)?\\.log");
    private static final Set<String> FIELDS = Set.of("date", "time", "c-ip", "s-ip", "cs-method", "cs-uri-stem",
            "cs-uri-query", "sc-status", "s-port", "cs-username", "time-taken", "s-sitename", "s-computername");

    public IisW3cLog() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public IisW3cLog(int maxLine) {
        super(ID, LogSource.webserver(), Series.DAILY, maxLine);
    }

    @Override
    protected Clue sniffText(Head head) {
        String fields = head.directive("#Fields:");
        if (fields != null && !fields.contains(",")) {
            for (String f : fields.trim().split("\\s+")) if (FIELDS.contains(f)) return Clue.FIELDS;
        }
        String software = head.directive("#Software:");
        if (software != null && software.startsWith("Microsoft Internet Information Services")) return Clue.SOFTWARE;
        String first = head.firstData();
        if (DATA.matcher(first).find() && !first.contains(",")) return Clue.CONTENT;
        boolean iisName = FILE_NAME.matcher(head.fileName()).matches() || head.name().contains("/w3svc");
        if (iisName && (head.text().startsWith("#") || first.isEmpty())) return Clue.CONTENT;
        return null;
    }

    @Override
    protected Reading reading(String itemPath, Instant modified, EventSink sink) {
        return new Item(itemPath, sink);
    }

    /**
     * One log file: the layout of the latest {@code #Fields:} and the day of the latest {@code #Date:}. Shaped for the
     * JIT, which compiles {@link #line} with all it calls inlined: directives and the date's calendar arithmetic are
     * out of line, so that C2 compiles it once, not again after each new kind of month the evidence shows
     * (a Spark executor compiled it 5 to 7 times, each a quarter of a second of C2 beside the tasks).
     */
    private final class Item extends Reading {
        private final String itemPath;
        private final EventSink sink;
        private W3cLayout layout;
        private long directiveDay = Long.MIN_VALUE;
        private int[] bounds = new int[64];
        /** The latest {@code date} value and its epoch day: a file's lines share a day or few. */
        private final byte[] lastDate = new byte[10];
        private long lastDay = Long.MIN_VALUE;

        Item(String itemPath, EventSink sink) {
            this.itemPath = itemPath;
            this.sink = sink;
        }

        @Override
        protected void line(LineReader lines) {
            byte[] b = lines.buffer();
            int s = lines.start();
            int e = lines.end();
            if (s == e) return;
            if (b[s] == '#') {
                directive(lines);
                return;
            }
            if (layout == null) {
                sink.unreadable(lines.lineNumber(), "data line before any #Fields: directive: the field layout is unknown");
                return;
            }
            int n = layout.names.length;
            if (bounds.length < 2 * n + 2) bounds = new int[2 * n + 2];
            int count = split(b, s, e, bounds, n);
            if (count != n) {
                sink.unreadable(lines.lineNumber(), (count > n ? "more than " + n : count + "")
                        + " values where #Fields: names " + n);
                return;
            }
            long epoch = Long.MIN_VALUE;
            int nanos = 0;
            if (layout.time >= 0) {
                long day = directiveDay;
                if (layout.date >= 0) {
                    int ds = bounds[2 * layout.date];
                    day = day(b, ds, bounds[2 * layout.date + 1] - ds);
                }
                int ts = bounds[2 * layout.time];
                long tn = Timestamps.isoTimeNanos(b, ts, bounds[2 * layout.time + 1] - ts);
                if (tn < 0 || (day == Long.MIN_VALUE && layout.date >= 0)) {
                    sink.unreadable(lines.lineNumber(), "date/time is not yyyy-MM-dd HH:mm:ss: "
                            + preview(b, s, e));
                    return;
                }
                if (day != Long.MIN_VALUE) {
                    epoch = day * 86400 + tn / 1_000_000_000L;
                    nanos = (int) (tn % 1_000_000_000L);
                }
            } else if (layout.date >= 0) {
                int ds = bounds[2 * layout.date];
                long day = day(b, ds, bounds[2 * layout.date + 1] - ds);
                if (day != Long.MIN_VALUE) epoch = day * 86400;
            }
            byte[] line = Arrays.copyOfRange(b, s, e);
            int[] starts = new int[n + 1];
            for (int i = 0; i < n; i++) starts[i] = bounds[2 * i] - s;
            // W3C values are separated by one space; when separated by more, starts[i+1]-1 would overrun,
            // so the end of each value is stored as the start of a virtual next value minus one
            boolean single = true;
            for (int i = 0; i + 1 < n && single; i++) single = bounds[2 * i + 1] + 1 == bounds[2 * i + 2];
            starts[n] = bounds[2 * n - 1] - s + 1;
            if (!single) {
                sink.event(new W3cEvent(layout, compact(line, bounds, n, s, starts), starts, lines.lineNumber(), epoch, nanos));
            } else {
                sink.event(new W3cEvent(layout, line, starts, lines.lineNumber(), epoch, nanos));
            }
        }

        private void directive(LineReader lines) {
            String directive = lines.text();
            if (directive.startsWith("#Fields:")) {
                String[] names = directive.substring(8).trim().split("[ \\t]+");
                if (names.length == 0 || names[0].isEmpty()) {
                    layout = null;
                    sink.unreadable(lines.lineNumber(), "#Fields: directive names no fields");
                } else if (layout == null || !layout.sameNames(names)) {
                    layout = new W3cLayout(itemPath, logSource(), names);
                }
            } else if (directive.startsWith("#Date:")) {
                byte[] d = directive.substring(6).trim().getBytes(StandardCharsets.ISO_8859_1);
                directiveDay = d.length >= 10 ? Timestamps.isoDate(d, 0, 10) : Long.MIN_VALUE;
            }
        }

        /** The epoch day of the {@code date} value at {@code b[ds..ds+len)}, as {@link Timestamps#isoDate}. */
        private long day(byte[] b, int ds, int len) {
            if (len == lastDate.length && Arrays.equals(b, ds, ds + len, lastDate, 0, len)) return lastDay;
            return newDay(b, ds, len);
        }

        // apart from day(), which C2 inlines into line(): called once a file, this one is not, nor the calendar code it runs
        private long newDay(byte[] b, int ds, int len) {
            long day = Timestamps.isoDate(b, ds, len);
            if (len == lastDate.length) {
                System.arraycopy(b, ds, lastDate, 0, len);
                lastDay = day;
            }
            return day;
        }
    }

    /**
     * Finds up to {@code n} values separated by runs of spaces or tabs; returns how many there are
     * ({@code n + 1} as soon as there are more than {@code n}).
     */
    static int split(byte[] b, int s, int e, int[] bounds, int n) {
        int count = 0;
        int i = s;
        while (i < e) {
            while (i < e && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i == e) break;
            if (count == n) return n + 1;
            int start = i;
            i = nextSeparator(b, i, e);
            bounds[2 * count] = start;
            bounds[2 * count + 1] = i;
            count++;
        }
        return count;
    }

    /** The index of the first space or tab at or after {@code i}, else {@code e}; eight bytes at a time. */
    static int nextSeparator(byte[] b, int i, int e) {
        for (; i + 8 <= e; i += 8) {
            long w = (long) LONGS.get(b, i);
            long s = w ^ 0x2020202020202020L;
            long t = w ^ 0x0909090909090909L;
            // SWAR zero-byte tests; the lowest flagged byte of either is the first separator (little-endian)
            long hit = ((s - 0x0101010101010101L) & ~s | (t - 0x0101010101010101L) & ~t) & 0x8080808080808080L;
            if (hit != 0) return i + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        while (i < e && b[i] != ' ' && b[i] != '\t') i++;
        return i;
    }

    /** Rebuilds a line whose values were separated by runs of white space with single spaces. */
    private static byte[] compact(byte[] line, int[] bounds, int n, int s, int[] starts) {
        int len = 0;
        for (int i = 0; i < n; i++) len += bounds[2 * i + 1] - bounds[2 * i] + 1;
        byte[] out = new byte[len - 1];
        int p = 0;
        for (int i = 0; i < n; i++) {
            int vs = bounds[2 * i] - s;
            int vl = bounds[2 * i + 1] - bounds[2 * i];
            starts[i] = p;
            System.arraycopy(line, vs, out, p, vl);
            p += vl;
            if (p < out.length) out[p++] = ' ';
        }
        starts[n] = out.length + 1;
        return out;
    }

    private static String preview(byte[] b, int s, int e) {
        return new String(b, s, Math.min(e - s, 80), StandardCharsets.UTF_8);
    }
}
