package dwell.traffic;

import dwell.hunt.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary of a traffic analysis: each series' rate figures and virtual directories, and the episodes found. */
final class TrafficSummary {
    private TrafficSummary() {
    }

    static Map<String, Object> series(String name, RateSeries s, TrafficConfig.Report report) {
        TreeMap<Long, int[]> minutes = s.minutes();
        long requests = 0;
        long errors = 0;
        long peak = 0;
        long peakMinute = 0;
        for (Map.Entry<Long, int[]> m : minutes.entrySet()) {
            requests += m.getValue()[0];
            errors += m.getValue()[1];
            if (m.getValue()[0] > peak) {
                peak = m.getValue()[0];
                peakMinute = m.getKey();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int space = name.indexOf(' ');
        out.put("format", name.substring(0, space));
        out.put("host", name.substring(space + 1));
        out.put("first", minutes.isEmpty() ? null : minute(minutes.firstKey()));
        out.put("last", minutes.isEmpty() ? null : minute(minutes.lastKey()));
        out.put("requests", requests);
        out.put("active_minutes", minutes.size());
        long span = minutes.isEmpty() ? 1 : minutes.lastKey() - minutes.firstKey() + 1;
        out.put("mean_per_minute", Math.round(100.0 * requests / span) / 100.0);
        out.put("peak_per_minute", peak);
        out.put("peak_minute", minutes.isEmpty() ? null : minute(peakMinute));
        out.put("server_errors", errors);
        List<Map<String, Object>> vdirs = new ArrayList<>();
        s.vdirs().forEach((v, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vdir", v);
            m.put("requests", n);
            vdirs.add(m);
        });
        out.put("vdirs", vdirs);
        out.put("rate", rate(minutes, report));
        return out;
    }

    /** The columns of a rate bucket: its first minute, its requests, its busiest minute's requests, its 5xx answers. */
    static final List<String> RATE_COLUMNS = List.of("start", "requests", "peak_per_minute", "server_errors");

    /**
     * The series in buckets for a chart: the finest bucket size that covers its span in at most the report's number
     * of points; buckets without requests are left out.
     */
    static Map<String, Object> rate(TreeMap<Long, int[]> minutes, TrafficConfig.Report report) {
        long span = minutes.isEmpty() ? 1 : minutes.lastKey() - minutes.firstKey() + 1;
        int size = report.rateBucketMinutes().get(report.rateBucketMinutes().size() - 1);
        for (int b : report.rateBucketMinutes()) {
            if ((span + b - 1) / b <= report.maxRatePoints()) {
                size = b;
                break;
            }
        }
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        for (Map.Entry<Long, int[]> m : minutes.entrySet()) {
            long[] b = buckets.computeIfAbsent(Math.floorDiv(m.getKey(), size) * size, k -> new long[3]);
            b[0] += m.getValue()[0];
            b[1] = Math.max(b[1], m.getValue()[0]);
            b[2] += m.getValue()[1];
        }
        List<List<Object>> rows = new ArrayList<>();
        buckets.forEach((start, b) -> rows.add(List.of(minute(start), b[0], b[1], b[2])));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bucket_minutes", size);
        out.put("columns", RATE_COLUMNS);
        out.put("buckets", rows);
        return out;
    }

    static List<Map<String, Object>> episodes(List<Finding> findings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule().id());
            m.put("level", f.rule().level().id());
            m.put("time", f.time().toString());
            m.put("host", f.host());
            m.put("path", f.evidence().path());
            m.put("line", f.evidence().line());
            m.put("details", f.details());
            out.add(m);
        }
        return out;
    }

    private static String minute(long epochMinute) {
        return Instant.ofEpochSecond(epochMinute * 60).toString();
    }
}
