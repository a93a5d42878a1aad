package dwell.exchange.pack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One log series' reach: its first and last event, how many, and how it covers the exposure window's start. */
record SeriesCoverage(String series, Instant first, Instant last, long events, Instant exposureStart,
                             StartCoverage start) {
    /** The facts as summary.json's {@code exchange.log_coverage} and the coverage finding's details give them. */
    public Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", series);
        m.put("first", first.toString());
        m.put("last", last.toString());
        m.put("events", events);
        m.put("exposure_start", exposureStart.toString());
        m.put("covers_exposure_start", start.covers());
        m.put("start_coverage", start.id());
        start.addFacts(m);
        return m;
    }
}
