package dwell.inventory;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.evidence.EvidenceItem;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.format.Series;
import dwell.read.ItemReading;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the readers stage reads: each item's events, their span and unreadable lines, totals per format,
 * and the days without events inside the daily series of logs (see {@link Series}). Thread-safe.
 */
public final class InventoryBuilder implements ItemReading.Listener {
    private static final int SAMPLES = 3;

    private final Map<String, Counting> open = new ConcurrentHashMap<>();
    private final List<ItemSummary> done = new ArrayList<>();
    private final Map<String, Set<LocalDate>> seriesDays = new HashMap<>();

    @Override
    public EventSink reading(EvidenceItem item, LogFormat format) {
        Counting c = new Counting(format != null && format.series() == Series.DAILY);
        open.put(key(item), c);
        return c;
    }

    @Override
    public void finished(EvidenceItem item, List<String> problems) {
        Counting c = open.remove(key(item));
        if (c == null) c = new Counting(false);
        List<String> all = new ArrayList<>(problems);
        if (problems.isEmpty() && item.format() == FormatId.UNKNOWN && item.size() > 0 && looksLikeLog(item.fileName())) {
            all.add("content matches no known log format: not read");
        }
        ItemSummary s = new ItemSummary(item, c.events, c.first, c.last, c.unreadable, List.copyOf(all),
                List.copyOf(c.samples));
        synchronized (this) {
            done.add(s);
            if (!c.days.isEmpty()) seriesDays.computeIfAbsent(series(item.path()), k -> new TreeSet<>()).addAll(c.days);
        }
    }

    /** What this builder counted, to be merged with other shares' counts by another builder. */
    public synchronized InventoryPart part() {
        Map<String, List<LocalDate>> days = new TreeMap<>();
        seriesDays.forEach((series, d) -> days.put(series, new ArrayList<>(d)));
        return new InventoryPart(new ArrayList<>(done), days);
    }

    /** Adds another share's counts: its items, and its days to each daily series (which may span shares). */
    public synchronized void merge(InventoryPart part) {
        done.addAll(part.items());
        part.seriesDays().forEach((series, d) -> seriesDays.computeIfAbsent(series, k -> new TreeSet<>()).addAll(d));
    }

    /** The inventory of everything visited so far, items sorted by path. */
    public synchronized Inventory build() {
        List<ItemSummary> items = new ArrayList<>(done);
        items.sort(Comparator.comparing(s -> s.item().path()));
        Map<String, FormatTotals> formats = new TreeMap<>();
        long total = 0;
        Instant first = null;
        Instant last = null;
        for (ItemSummary s : items) {
            String f = s.item().format().id();
            FormatTotals t = formats.getOrDefault(f, new FormatTotals(0, 0, null, null));
            formats.put(f, new FormatTotals(t.items() + 1, t.events() + s.events(), min(t.first(), s.first()),
                    max(t.last(), s.last())));
            total += s.events();
            first = min(first, s.first());
            last = max(last, s.last());
        }
        return new Inventory(items, formats, total, first, last, gaps());
    }

    private List<Gap> gaps() {
        List<Gap> gaps = new ArrayList<>();
        new TreeMap<>(seriesDays).forEach((series, days) -> {
            LocalDate prev = null;
            for (LocalDate d : days) {
                if (prev != null && d.isAfter(prev.plusDays(1))) gaps.add(new Gap(series, prev.plusDays(1), d.minusDays(1)));
                prev = d;
            }
        });
        return gaps;
    }

    /** One item's visit and finish happen on one thread; the thread in the key keeps a path given twice apart. */
    private static String key(EvidenceItem item) {
        return Thread.currentThread().getId() + "\0" + item.path();
    }

    /** Names that promise a log: when their content is unrecognised that is a problem, not just another file. */
    static boolean looksLikeLog(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".log") || n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")
                || n.endsWith(".csv") || n.endsWith(".evtx");
    }

    /**
     * A daily series is the folder that holds the logs (W3SVC1, HttpProxy/Owa, ...). Logs zipped at the top of an
     * archive belong to the folder holding the archive: {@code W3SVC1/old-logs.zip!/u_ex190411.log} continues
     * the series {@code W3SVC1}.
     */
    static String series(String path) {
        String p = path.replace('\\', '/');
        do {
            int slash = p.lastIndexOf('/');
            if (slash < 0) return ".";
            p = p.substring(0, slash);
        } while (p.endsWith("!"));
        return p;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** Per-item counts, filled on the reading thread. */
    private static final class Counting implements EventSink {
        private final boolean trackDays;
        private final Set<LocalDate> days = new TreeSet<>();
        private final List<String> samples = new ArrayList<>();
        private long events;
        private long unreadable;
        private Instant first;
        private Instant last;
        private long lastDay = Long.MIN_VALUE;

        Counting(boolean trackDays) {
            this.trackDays = trackDays;
        }

        @Override
        public void event(Event event) {
            events++;
            Instant t = event.time();
            if (t != null) {
                if (first == null || t.isBefore(first)) first = t;
                if (last == null || t.isAfter(last)) last = t;
                if (trackDays) {
                    long day = Math.floorDiv(t.getEpochSecond(), 86400);
                    if (day != lastDay) {
                        lastDay = day;
                        days.add(LocalDate.ofEpochDay(day));
                    }
                }
            }
        }

        @Override
        public void unreadable(long position, String reason) {
            unreadable++;
            if (samples.size() < SAMPLES) samples.add(position > 0 ? "line " + position + ": " + reason : reason);
        }
    }
}
