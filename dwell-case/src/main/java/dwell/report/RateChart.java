package dwell.report;

import static dwell.report.CaseData.col;
import static dwell.report.CaseData.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request rate of each web log series (the case's {@code traffic_rate}) as an SVG chart, with the traffic
 * episodes of the latest run (floods, sprays, brute force, the accounts that fell) marked where they happened.
 */
final class RateChart {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int TOP = 16;
    private static final int PLOT = HEIGHT - TOP - 40;
    private static final int MAX_SERIES = 20;
    /** Each episode rule's colour and short name, in the order the legend lists them. */
    private static final Map<String, String[]> EPISODES = new LinkedHashMap<>();

    static {
        EPISODES.put("traffic.flood", new String[] {"#e0523d", "flood"});
        EPISODES.put("traffic.password-spray", new String[] {"#e0a800", "password spray"});
        EPISODES.put("traffic.brute-force", new String[] {"#8e44ad", "brute force"});
        EPISODES.put("traffic.spray-success", new String[] {"#8b0000", "account fell"});
    }

    /** One dated episode: its rule, first and last second, the series it was logged in (none: all of its format), its format. */
    record Mark(String rule, Instant start, Instant end, List<String> series, String format) {
        boolean on(String seriesFormat, String seriesName, Instant from, Instant to) {
            if (!format.equals(seriesFormat) || end.isBefore(from) || start.isAfter(to)) return false;
            return series.isEmpty() || series.contains(seriesFormat + " " + seriesName);
        }
    }

    private RateChart() {
    }

    /** The section: a chart per series of the latest run, or nothing when the run read no web log. */
    static void write(CaseFile c, Writer out) throws IOException, SQLException {
        QueryResult rate = c.query("SELECT format, series, bucket_minutes, start, requests, peak_per_minute, server_errors "
                + "FROM traffic_rate WHERE run_id = (SELECT max(run_id) FROM runs) ORDER BY format, series, start");
        if (rate.rows().isEmpty()) return;
        QueryResult episodes = c.query("SELECT rule_id, time, format, details FROM findings WHERE detector = 'traffic' AND "
                + CaseFile.LATEST_RUN + " ORDER BY time, rule_id, id");
        List<Mark> marks = marks(episodes);
        Map<String, List<List<Object>>> bySeries = new LinkedHashMap<>();
        int cf = col(rate, "format"), cs = col(rate, "series");
        for (List<Object> r : rate.rows()) bySeries.computeIfAbsent(str(r, cf) + " " + str(r, cs), k -> new ArrayList<>()).add(r);
        out.write("<h2>Request rate</h2>\n");
        int n = 0;
        for (Map.Entry<String, List<List<Object>>> s : bySeries.entrySet()) {
            if (n == MAX_SERIES) {
                out.write("<p class=\"muted\">" + (bySeries.size() - MAX_SERIES) + " more series not drawn.</p>\n");
                break;
            }
            out.write(chart(n++, s.getValue(), rate, marks));
        }
        out.write(legend());
    }

    /** The legend, drawn (a style attribute would need the page's policy to allow inline styles). */
    private static String legend() {
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"20\" role=\"img\" aria-label=\"legend\">\n<rect x=\"0\" y=\"4\" width=\"10\" height=\"10\" "
                + "fill=\"#2f81f7\"/><text x=\"14\" y=\"13\" font-size=\"11\">busiest minute of each bucket</text>\n");
        int x = 200;
        for (String[] e : EPISODES.values()) {
            b.append("<rect x=\"").append(x).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"").append(e[0])
                    .append("\" fill-opacity=\"0.6\"/><text x=\"").append(x + 14).append("\" y=\"13\" font-size=\"11\">")
                    .append(e[1]).append("</text>\n");
            x += 30 + 7 * e[1].length();
        }
        return b.append("</svg>\n").toString();
    }

    static List<Mark> marks(QueryResult episodes) throws IOException {
        List<Mark> out = new ArrayList<>();
        int cr = col(episodes, "rule_id"), ct = col(episodes, "time"), cf = col(episodes, "format"), cd = col(episodes, "details");
        for (List<Object> r : episodes.rows()) {
            if (!EPISODES.containsKey(str(r, cr)) || str(r, ct) == null) continue;
            JsonNode d = JSON.readTree(str(r, cd) == null ? "{}" : str(r, cd));
            Instant time = Instant.parse(str(r, ct));
            Instant start = parse(d.path("start").asText(null), time);
            Instant end = parse(d.path("end").asText(null), start);
            List<String> series = new ArrayList<>();
            // a flood and the account that fell name their series; a spray or brute force the series its failures were in
            if (d.path("series").isTextual()) series.add(d.path("series").asText());
            d.path("series").forEach(x -> series.add(x.asText()));
            d.path("also_in").forEach(x -> series.add(x.path("series").asText()));
            out.add(new Mark(str(r, cr), start, end, series, str(r, cf)));
        }
        return out;
    }

    private static String chart(int n, List<List<Object>> rows, QueryResult rate, List<Mark> marks) {
        int cf = col(rate, "format"), cs = col(rate, "series"), cb = col(rate, "bucket_minutes"), cst = col(rate, "start");
        int cr = col(rate, "requests"), cp = col(rate, "peak_per_minute"), ce = col(rate, "server_errors");
        String format = str(rows.get(0), cf);
        String name = str(rows.get(0), cs);
        long bucket = ((Number) rows.get(0).get(cb)).longValue() * 60;
        Instant from = Instant.parse(str(rows.get(0), cst));
        Instant to = Instant.parse(str(rows.get(rows.size() - 1), cst)).plusSeconds(bucket - 1);
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond() + 1);
        long peak = 1;
        for (List<Object> r : rows) peak = Math.max(peak, ((Number) r.get(cp)).longValue());
        double scale = (WIDTH - LEFT - 10.0) / span;
        StringBuilder b = new StringBuilder();
        b.append("<h3>").append(Html.esc(format + " " + name)).append("</h3>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"request rate of ").append(Html.esc(format + " " + name))
                .append("\" class=\"rate-chart\" id=\"rate-chart-").append(n).append("\" data-format=\"").append(Html.esc(format))
                .append("\" data-series=\"").append(Html.esc(name)).append("\" data-bucket-minutes=\"").append(bucket / 60).append("\">\n");
        for (List<Object> r : rows) {
            Instant t = Instant.parse(str(r, cst));
            long p = ((Number) r.get(cp)).longValue();
            double x = LEFT + scale * (t.getEpochSecond() - from.getEpochSecond());
            double h = Math.max(1, PLOT * (double) p / peak);
            SvgNumber.one(b.append("<rect class=\"bucket\" data-start=\"").append(t).append("\" data-peak=\"").append(p).append("\" x=\""), x)
                    .append("\" y=\"");
            SvgNumber.one(b, TOP + PLOT - h).append("\" width=\"");
            SvgNumber.one(b, Math.max(1, scale * bucket)).append("\" height=\"");
            SvgNumber.one(b, h).append("\" fill=\"#2f81f7\"><title>").append(t).append(": ").append(((Number) r.get(cr)).longValue())
                    .append(" requests, busiest minute ").append(p).append(", ").append(((Number) r.get(ce)).longValue())
                    .append(" 5xx</title></rect>\n");
        }
        // the episodes over the bars, translucent: a flood's mark would hide under its own bar
        for (Mark m : marks) {
            if (!m.on(format, name, from, to)) continue;
            String[] look = EPISODES.get(m.rule());
            double x0 = LEFT + scale * (Math.max(m.start().getEpochSecond(), from.getEpochSecond()) - from.getEpochSecond());
            double x1 = LEFT + scale * (Math.min(m.end().getEpochSecond(), to.getEpochSecond()) - from.getEpochSecond() + 1);
            SvgNumber.one(b.append("<rect class=\"episode\" data-rule=\"").append(Html.esc(m.rule())).append("\" data-start=\"")
                    .append(m.start()).append("\" data-end=\"").append(m.end()).append("\" x=\""), x0).append("\" y=\"").append(TOP)
                    .append("\" width=\"");
            SvgNumber.one(b, Math.max(3, x1 - x0)).append("\" height=\"").append(PLOT).append("\" fill=\"").append(look[0])
                    .append("\" fill-opacity=\"0.35\"><title>").append(look[1]).append(' ').append(m.start()).append(" .. ").append(m.end())
                    .append("</title></rect>\n");
        }
        b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT).append("\" x2=\"").append(WIDTH - 10)
                .append("\" y2=\"").append(TOP + PLOT).append("\" stroke=\"#888\"/>\n");
        b.append("<text x=\"0\" y=\"").append(TOP + 8).append("\" font-size=\"11\">").append(peak).append("/min</text>\n");
        b.append("<text x=\"0\" y=\"").append(TOP + PLOT).append("\" font-size=\"11\">0</text>\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"").append(TOP + PLOT + 16).append("\" font-size=\"11\">")
                .append(from.toString(), 0, 16).append("Z</text>\n");
        b.append("<text x=\"").append(WIDTH - 130).append("\" y=\"").append(TOP + PLOT + 16).append("\" font-size=\"11\">")
                .append(to.toString(), 0, 16).append("Z</text>\n");
        b.append("</svg>\n");
        return b.toString();
    }

    private static Instant parse(String iso, Instant otherwise) {
        if (iso == null) return otherwise;
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
