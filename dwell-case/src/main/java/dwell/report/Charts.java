package dwell.report;

import static dwell.report.CaseData.col;
import static dwell.report.CaseData.str;

import dwell.casefile.QueryResult;
import dwell.casefile.UtcText;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's SVG charts, drawn on the server so the page needs no charting library. */
final class Charts {
    private static final int WIDTH = 1000;
    private static final int LABEL = 300;
    private static final int MAX_SERIES = 60;
    private static final String[] LEVEL_COLOURS = {"#b0b7c0", "#4a90d9", "#e0a800", "#e0523d", "#8b0000"};

    private Charts() {
    }

    /** One bar per log series (format and folder) over the whole evidence span, gaps of more than a day left open. */
    static String coverage(QueryResult items) {
        Map<String, List<Instant[]>> series = series(items);
        if (series.isEmpty()) return "<p class=\"muted\">No dated events among the evidence.</p>\n";
        Instant min = span(items)[0];
        Instant max = span(items)[1];
        long span = Math.max(1, Duration.between(min, max).getSeconds());
        int rows = Math.min(series.size(), MAX_SERIES);
        int height = 30 + rows * 20;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"evidence coverage\" id=\"coverage-chart\">\n");
        axis(b, min, max, span, height - 18);
        int y = 4;
        int shown = 0;
        for (Map.Entry<String, List<Instant[]>> e : series.entrySet()) {
            if (shown++ == MAX_SERIES) break;
            String label = e.getKey().length() > 48 ? "..." + e.getKey().substring(e.getKey().length() - 45) : e.getKey();
            b.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"11\">").append(Html.esc(label)).append("</text>\n");
            for (Instant[] iv : merge(e.getValue())) {
                double x0 = LABEL + (WIDTH - LABEL - 10) * (double) Duration.between(min, iv[0]).getSeconds() / span;
                double x1 = LABEL + (WIDTH - LABEL - 10) * (double) Duration.between(min, iv[1]).getSeconds() / span;
                SvgNumber.one(b.append("<rect x=\""), x0).append("\" y=\"").append(y).append("\" width=\"");
                SvgNumber.one(b, Math.max(1.5, x1 - x0)).append("\" height=\"14\" fill=\"#2f81f7\"><title>")
                        .append(Html.esc(iv[0] + " .. " + iv[1])).append("</title></rect>\n");
            }
            y += 20;
        }
        b.append("</svg>\n");
        b.append("<p class=\"muted\">One bar per log series (format and folder), blue where it has events; a gap of a day or more is left open.</p>\n");
        if (series.size() > MAX_SERIES) {
            b.append("<p class=\"muted\">").append(series.size() - MAX_SERIES).append(" more series not drawn.</p>\n");
        }
        return b.toString();
    }

    /** The dated items' spans per log series (format and folder). */
    private static Map<String, List<Instant[]>> series(QueryResult items) {
        Map<String, List<Instant[]>> series = new TreeMap<>();
        int cFirst = col(items, "first"), cLast = col(items, "last"), cPath = col(items, "path"), cFormat = col(items, "format");
        for (List<Object> r : items.rows()) {
            Instant f = instant(str(r, cFirst));
            Instant l = instant(str(r, cLast));
            if (f == null || l == null) continue;
            String path = str(r, cPath).replace('\\', '/');
            String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
            series.computeIfAbsent(str(r, cFormat) + "  " + folder, k -> new ArrayList<>()).add(new Instant[] {f, l});
        }
        return series;
    }

    /** Each series' gaps of a day or more, as the coverage chart leaves them open: {series, from, to}. */
    static List<String[]> gaps(QueryResult items) {
        List<String[]> out = new ArrayList<>();
        for (Map.Entry<String, List<Instant[]>> e : series(items).entrySet()) {
            List<Instant[]> spans = merge(e.getValue());
            for (int i = 1; i < spans.size(); i++) {
                out.add(new String[] {e.getKey(), spans.get(i - 1)[1].toString(), spans.get(i)[0].toString()});
            }
        }
        return out;
    }

    /** The evidence's first and last event time, from the items' first and last; null when nothing is dated. */
    static Instant[] span(QueryResult items) {
        Instant min = null;
        Instant max = null;
        int cFirst = col(items, "first"), cLast = col(items, "last");
        for (List<Object> r : items.rows()) {
            Instant f = instant(str(r, cFirst));
            Instant l = instant(str(r, cLast));
            if (f == null || l == null) continue;
            min = min == null || f.isBefore(min) ? f : min;
            max = max == null || l.isAfter(max) ? l : max;
        }
        return min == null ? null : new Instant[] {min, max};
    }

    /**
     * Findings per month, stacked by level, from (month, level, count) rows, with a legend of the levels. The axis
     * spans the evidence ({@code span}, when dated): a finding dated outside it (a clock gone wrong in one record)
     * is counted under the chart instead of stretching the axis to its year.
     */
    static String timeline(QueryResult months, Instant[] span) {
        TreeMap<YearMonth, long[]> byMonth = new TreeMap<>();
        for (List<Object> r : months.rows()) {
            byMonth.computeIfAbsent(YearMonth.parse(str(r, 0)), k -> new long[5])[HtmlReport.levelIndex(str(r, 1))]
                    += ((Number) r.get(2)).longValue();
        }
        if (byMonth.isEmpty()) return "<p class=\"muted\">No dated findings.</p>\n";
        YearMonth first = span == null ? byMonth.firstKey() : YearMonth.from(span[0].atOffset(ZoneOffset.UTC));
        YearMonth last = span == null ? byMonth.lastKey() : YearMonth.from(span[1].atOffset(ZoneOffset.UTC));
        long outside = 0;
        for (Map.Entry<YearMonth, long[]> e : byMonth.entrySet()) {
            if (e.getKey().isBefore(first) || e.getKey().isAfter(last)) outside += e.getValue()[0] + e.getValue()[1] + e.getValue()[2] + e.getValue()[3] + e.getValue()[4];
        }
        int n = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        long peak = 1;
        for (Map.Entry<YearMonth, long[]> e : byMonth.subMap(first, true, last, true).entrySet()) {
            long[] c = e.getValue();
            peak = Math.max(peak, c[0] + c[1] + c[2] + c[3] + c[4]);
        }
        int height = 240;
        int plot = height - 60;
        double w = (WIDTH - 60.0) / n;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"findings over time\" id=\"timeline-chart\">\n");
        legend(b, height - 12);
        b.append("<text x=\"0\" y=\"12\" font-size=\"11\">").append(peak).append("</text>\n");
        b.append("<line x1=\"50\" y1=\"").append(plot + 5).append("\" x2=\"").append(WIDTH).append("\" y2=\"").append(plot + 5)
                .append("\" stroke=\"#888\"/>\n");
        for (int i = 0; i < n; i++) {
            YearMonth m = first.plusMonths(i);
            long[] c = byMonth.getOrDefault(m, new long[5]);
            double x = 55 + i * w;
            double top = plot + 5;
            for (int l = 0; l < 5; l++) {
                if (c[l] == 0) continue;
                double h = Math.max(1, plot * (double) c[l] / peak);
                top -= h;
                SvgNumber.one(b.append("<rect x=\""), x).append("\" y=\"");
                SvgNumber.one(b, top).append("\" width=\"");
                SvgNumber.one(b, Math.max(1, w - 1)).append("\" height=\"");
                SvgNumber.one(b, h).append("\" fill=\"").append(LEVEL_COLOURS[l]).append("\"><title>").append(m).append(' ')
                        .append(HtmlReport.LEVELS[l]).append(": ").append(c[l]).append("</title></rect>\n");
            }
            if (m.getMonthValue() == 1 || i == 0 || i == n - 1) {
                SvgNumber.one(b.append("<text x=\""), i == n - 1 && n > 1 ? Math.min(x, WIDTH - 50.0) : x).append("\" y=\"")
                        .append(plot + 20).append("\" font-size=\"11\">")
                        .append(m.getMonthValue() == 1 && i != n - 1 ? Integer.toString(m.getYear()) : m.toString()).append("</text>\n");
            }
        }
        b.append("</svg>\n");
        if (outside > 0) {
            b.append("<p class=\"muted\">").append(outside).append(outside == 1 ? " finding is" : " findings are")
                    .append(" dated outside the evidence's span (").append(first).append(" to ").append(last).append(") and not drawn.</p>\n");
        }
        return b.toString();
    }

    /** One coloured square and name per level, from informational up. */
    private static void legend(StringBuilder b, int y) {
        int x = 55;
        for (int l = 0; l < HtmlReport.LEVELS.length; l++) {
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(LEVEL_COLOURS[l]).append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y)
                    .append("\" font-size=\"11\">").append(HtmlReport.LEVELS[l]).append("</text>\n");
            x += 30 + 7 * HtmlReport.LEVELS[l].length();
        }
    }

    private static void axis(StringBuilder b, Instant min, Instant max, long span, int y) {
        int fromYear = min.atOffset(ZoneOffset.UTC).getYear();
        int toYear = max.atOffset(ZoneOffset.UTC).getYear();
        b.append("<line x1=\"").append(LABEL).append("\" y1=\"").append(y).append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"")
                .append(y).append("\" stroke=\"#888\"/>\n");
        b.append("<text x=\"").append(LABEL).append("\" y=\"").append(y + 14).append("\" font-size=\"11\">")
                .append(min.toString(), 0, 10).append("</text>\n");
        b.append("<text x=\"").append(WIDTH - 80).append("\" y=\"").append(y + 14).append("\" font-size=\"11\">")
                .append(max.toString(), 0, 10).append("</text>\n");
        for (int yr = fromYear + 1; yr <= toYear; yr++) {
            Instant t = Instant.parse(yr + "-01-01T00:00:00Z");
            double x = LABEL + (WIDTH - LABEL - 10) * (double) Duration.between(min, t).getSeconds() / span;
            SvgNumber.one(b.append("<line x1=\""), x).append("\" y1=\"0\" x2=\"");
            SvgNumber.one(b, x).append("\" y2=\"").append(y).append("\" stroke=\"#ddd\"/>");
            if (x > LABEL + 60 && x < WIDTH - 120) {
                SvgNumber.one(b.append("<text x=\""), x).append("\" y=\"").append(y + 14).append("\" font-size=\"11\">").append(yr)
                        .append("</text>\n");
            }
        }
    }

    /** Joins intervals that touch or are less than 36 hours apart: a gap is at least a whole missing day. */
    static List<Instant[]> merge(List<Instant[]> in) {
        List<Instant[]> sorted = new ArrayList<>(in);
        sorted.sort((a, c) -> a[0].compareTo(c[0]));
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] iv : sorted) {
            if (!out.isEmpty() && Duration.between(out.get(out.size() - 1)[1], iv[0]).toHours() < 36) {
                Instant[] lastIv = out.get(out.size() - 1);
                if (iv[1].isAfter(lastIv[1])) lastIv[1] = iv[1];
            } else {
                out.add(new Instant[] {iv[0], iv[1]});
            }
        }
        return out;
    }

    private static Instant instant(String s) {
        return UtcText.instant(s);
    }
}
