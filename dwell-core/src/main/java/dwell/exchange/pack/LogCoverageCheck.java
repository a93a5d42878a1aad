package dwell.exchange.pack;

import dwell.event.Event;
import dwell.hunt.DetectorReport;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.SummingDetector;
import dwell.hunt.RuleRef;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-ProxyLogon's log age report, offline: per Exchange log folder and IIS site, the first and last event
 * time and whether the logs cover the instant the exposure window opened without a gap ({@link StartCoverage}).
 * One informational finding per series when the scan ends (time = the first event, evidence = the line holding it).
 * A share's part is its series' spans (days, reach, the earliest event's place), never events.
 */
final class LogCoverageCheck implements SummingDetector {
    private final CheckRules rules;
    private final RuleRef rule;
    private final Instant exposureStart;
    private final Map<String, Span> spans = new ConcurrentHashMap<>();

    public LogCoverageCheck(CheckRules rules) {
        this.rules = rules;
        this.rule = rules.rule("log-coverage");
        this.exposureStart = rules.exposureStart();
    }

    @Override
    public String id() {
        return ExchangePack.DETECTOR;
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (event.time() == null) return;
        String series = LogSeries.of(event);
        if (series == null) return;
        spans.computeIfAbsent(series, s -> new Span()).add(event);
    }

    @Override
    public LogCoverageCheck blank() {
        return new LogCoverageCheck(rules);
    }

    @Override
    public Serializable part() {
        return new TreeMap<>(spans);
    }

    /** Another share's spans, series by series: the same spans whatever the grouping, as they only widen. */
    @Override
    public void merge(Serializable part) {
        ((Map<?, ?>) part).forEach((series, span) -> spans.computeIfAbsent((String) series, s -> new Span()).absorb((Span) span));
    }

    @Override
    public void finish(FindingSink sink) {
        List<Map.Entry<String, Span>> all = new ArrayList<>(spans.entrySet());
        all.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        for (Map.Entry<String, Span> e : all) sink.add(finding(e.getKey(), e.getValue()));
    }

    /**
     * summary.json's {@code exchange}: when exploitation began, and each series' reach and coverage of that start
     * ({@code log_coverage}: {@link SeriesCoverage#facts} and the verdict in words, {@code around_start}).
     */
    @Override
    public void report(DetectorReport report) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("exposure_start", exposureStart.toString());
        List<Object> series = new ArrayList<>();
        for (SeriesCoverage c : coverage()) {
            Map<String, Object> facts = c.facts();
            facts.put("around_start", c.start().describe());
            series.add(facts);
        }
        x.put("log_coverage", series);
        report.section("exchange", x);
    }

    /** The coverage of each series seen so far, by series name, for the scan summary. */
    public List<SeriesCoverage> coverage() {
        return spans.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().coverage(e.getKey(), exposureStart)).toList();
    }

    private Finding finding(String series, Span span) {
        synchronized (span) {
            EvidenceRef where = new EvidenceRef(span.firstItem, null, span.firstFormat, span.firstLine, span.firstRecord);
            Map<String, String> event = new LinkedHashMap<>();
            event.put("series", series);
            event.put("first", span.first.toString());
            event.put("last", span.last.toString());
            return Finding.of(span.first, ExchangePack.DETECTOR, rule, span.host, where, event, List.of(),
                    span.coverage(series, exposureStart).facts());
        }
    }

    /**
     * First and last event of one series and the days it has events on; the earliest event's provenance ties
     * break by path and line.
     */
    private static final class Span implements Serializable {
        private static final long serialVersionUID = 1L;
        final NavigableSet<Long> days = new TreeSet<>();
        long lastDay = Long.MIN_VALUE;
        Instant first;
        Instant last;
        long events;
        String firstItem;
        String firstFormat;
        long firstLine;
        long firstRecord;
        String host;

        synchronized void add(Event e) {
            events++;
            Instant t = e.time();
            long day = StartCoverage.epochDay(t);
            if (day != lastDay) {
                // events come in runs of one day (a file a day), so the set is rarely touched
                lastDay = day;
                days.add(day);
            }
            if (last == null || t.isAfter(last)) last = t;
            if (first == null || t.isBefore(first)
                    || (t.equals(first) && earlier(e.provenance().item(), e.provenance().line(), e.provenance().record()))) {
                first = t;
                firstItem = e.provenance().item();
                firstFormat = e.format().id();
                firstLine = e.provenance().line();
                firstRecord = e.provenance().record();
                host = e.host();
            }
        }

        synchronized void absorb(Span o) {
            events += o.events;
            days.addAll(o.days);
            if (last == null || o.last.isAfter(last)) last = o.last;
            if (first == null || o.first.isBefore(first) || (o.first.equals(first) && earlier(o.firstItem, o.firstLine, o.firstRecord))) {
                first = o.first;
                firstItem = o.firstItem;
                firstFormat = o.firstFormat;
                firstLine = o.firstLine;
                firstRecord = o.firstRecord;
                host = o.host;
            }
        }

        synchronized SeriesCoverage coverage(String series, Instant exposureStart) {
            return new SeriesCoverage(series, first, last, events, exposureStart,
                    StartCoverage.of(days, first, last, exposureStart));
        }

        private boolean earlier(String item, long line, long record) {
            int c = item.compareTo(firstItem);
            if (c != 0) return c < 0;
            return line < firstLine || (line == firstLine && record < firstRecord);
        }
    }
}
