package dwell.exchange.pack;

import dwell.event.Event;
import dwell.hunt.Detector;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-ProxyLogon's log age report, offline: per Exchange log folder and IIS site, the first and last event
 * time and whether the logs reach back before the exposure window opened. One informational finding per
 * series when the scan ends (time = the first event, evidence = the line holding it).
 */
public final class LogCoverageCheck implements Detector {
    private final RuleRef rule;
    private final Instant exposureStart;
    private final Map<String, Span> spans = new ConcurrentHashMap<>();

    public LogCoverageCheck(CheckRules rules) {
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
    public void finish(FindingSink sink) {
        List<Map.Entry<String, Span>> all = new ArrayList<>(spans.entrySet());
        all.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        for (Map.Entry<String, Span> e : all) sink.add(finding(e.getKey(), e.getValue()));
    }

    /** The coverage of each series seen so far, for the scan summary: series -> first, last, events, covers. */
    public Map<String, Map<String, Object>> coverage() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        spans.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), facts(e.getKey(), e.getValue())));
        return out;
    }

    private Finding finding(String series, Span span) {
        synchronized (span) {
            EvidenceRef where = new EvidenceRef(span.firstItem, null, span.firstFormat, span.firstLine, span.firstRecord);
            Map<String, String> event = new LinkedHashMap<>();
            event.put("series", series);
            event.put("first", span.first.toString());
            event.put("last", span.last.toString());
            return Finding.of(span.first, ExchangePack.DETECTOR, rule, span.host, where, event, List.of(),
                    facts(series, span));
        }
    }

    private Map<String, Object> facts(String series, Span span) {
        synchronized (span) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", series);
            m.put("first", span.first.toString());
            m.put("last", span.last.toString());
            m.put("events", span.events);
            m.put("exposure_start", exposureStart.toString());
            m.put("covers_exposure_start", span.first.isBefore(exposureStart));
            return m;
        }
    }

    /** First and last event of one series; the earliest event's provenance ties break by path and line. */
    private static final class Span {
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
            if (last == null || t.isAfter(last)) last = t;
            if (first == null || t.isBefore(first) || (t.equals(first) && earlier(e))) {
                first = t;
                firstItem = e.provenance().item();
                firstFormat = e.format().id();
                firstLine = e.provenance().line();
                firstRecord = e.provenance().record();
                host = e.host();
            }
        }

        private boolean earlier(Event e) {
            int c = e.provenance().item().compareTo(firstItem);
            if (c != 0) return c < 0;
            return e.provenance().line() < firstLine
                    || (e.provenance().line() == firstLine && e.provenance().record() < firstRecord);
        }
    }
}
