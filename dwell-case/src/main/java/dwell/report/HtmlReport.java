package dwell.report;

import static dwell.report.CaseData.col;
import static dwell.report.CaseData.str;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The case as one self-contained HTML file, the answer first: the incidents (most severe first, one line each), the
 * exposure per server, the counts, the incident stories, coverage and timeline charts (SVG) and a paged findings table. Evidence text is escaped everywhere, the findings travel as inert JSON read
 * with textContent, and a Content Security Policy allows only this page's own script and style (by hash).
 */
final class HtmlReport {
    static final String[] LEVELS = {"informational", "low", "medium", "high", "critical"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP_RULES = 3;
    private static final int TOP_DAYS = 5;
    private static final int TOP_HOSTS = 10;
    private static final int SHOWN_CVES = 12;
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private HtmlReport() {
    }

    static void write(CaseFile cf, String caseName, Writer out) throws IOException, SQLException {
        try (FindingsQuery findings = FindingsQuery.start(cf)) {
            write(cf, caseName, findings, out);
        }
    }

    private static void write(CaseFile cf, String caseName, FindingsQuery findings, Writer out) throws IOException, SQLException {
        CaseData c = CaseData.load(cf);
        cf.checkpointImportBeside();
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src '" + hash(JS)
                + "'; style-src '" + hash(CSS) + "'; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        out.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        out.write("<title>dwell report - " + Html.esc(caseName) + "</title>\n<style>" + CSS + "</style></head><body>\n");
        out.write("<h1>dwell report</h1><div class=\"muted\">case " + Html.esc(caseName) + " &middot; "
                + runsLine(c.runs()) + "</div>\n");
        // the answer first: who is inside and since when, then what to patch, then the counts behind it
        ReportIncidents incidents = new ReportIncidents(c);
        incidents.overview(out);
        exposure(c.exposure(), out);
        summary(c, out);
        incidents.stories(out);
        out.write("<h2>Evidence coverage</h2>\n");
        out.write(Charts.coverage(c.items()));
        out.write("<h2>Findings over time</h2>\n");
        out.write(Charts.timeline(c.months(), Charts.span(c.items())));
        RateChart.write(cf, out);
        findingsTable(findings, out);
        out.write("<script>" + JS + "</script>\n</body></html>\n");
    }

    private static String runsLine(QueryResult runs) {
        if (runs.rows().isEmpty()) return "no runs";
        List<Object> last = runs.rows().get(runs.rows().size() - 1);
        return runs.rows().size() + " run(s), last ended " + Html.esc(str(last, col(runs, "ended")))
                + " with dwell " + Html.esc(str(last, col(runs, "dwell_version")));
    }

    static void summary(CaseData c, Writer out) throws IOException {
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (String l : LEVELS) byLevel.put(l, 0L);
        for (List<Object> r : c.levels().rows()) byLevel.merge(String.valueOf(r.get(0)), ((Number) r.get(1)).longValue(), Long::sum);
        long total = byLevel.values().stream().mapToLong(Long::longValue).sum();
        out.write("<h2>Counts</h2><div class=\"cards\">");
        out.write("<div class=\"card\"><b>" + total + "</b>findings</div>");
        out.write("<div class=\"card\"><b>" + c.incidents().rows().size() + "</b>incidents</div>");
        for (int i = LEVELS.length - 1; i >= 0; i--) {
            out.write("<div class=\"card lv-" + LEVELS[i] + "\"><b>" + byLevel.get(LEVELS[i]) + "</b>" + LEVELS[i] + "</div>");
        }
        out.write("<div class=\"card\"><b>" + c.items().rows().size() + "</b>evidence items</div></div>\n");
        topRules(c.rules(), out);
        out.write("<p><b>Busiest days</b> (events behind findings of medium or higher): " + Html.esc(top(c.days(), TOP_DAYS, " events"))
                + "</p>\n<p><b>Hosts</b> (findings): " + Html.esc(top(c.hosts(), TOP_HOSTS, "")) + "</p>\n");
    }

    /** Per level from critical down, its most frequent rules (exposure is said per server above). */
    private static void topRules(QueryResult rules, Writer out) throws IOException {
        if (rules.rows().isEmpty()) return;
        out.write("<table id=\"top-rules\"><tr><th>Level</th><th>Top rules (findings)</th></tr>\n");
        for (int i = LEVELS.length - 1; i >= 0; i--) {
            List<String> cells = new ArrayList<>();
            int more = 0;
            for (List<Object> r : rules.rows()) {
                if (!LEVELS[i].equals(str(r, 0))) continue;
                if (cells.size() < TOP_RULES) cells.add(str(r, 2) + " (" + str(r, 1) + ", " + r.get(3) + ")");
                else more++;
            }
            if (cells.isEmpty()) continue;
            if (more > 0) cells.add(more + " more rules");
            out.write("<tr><td class=\"lv-" + LEVELS[i] + "\">" + LEVELS[i] + "</td><td>" + Html.esc(String.join("; ", cells))
                    + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    /** The first n rows of a (name, count) query, e.g. {@code EXCH01 (214), rp01 (5), 3 more}. */
    private static String top(QueryResult counts, int n, String unit) {
        List<String> cells = new ArrayList<>();
        for (List<Object> r : counts.rows().subList(0, Math.min(n, counts.rows().size()))) cells.add(str(r, 0) + " (" + r.get(1) + unit + ")");
        if (counts.rows().size() > n) cells.add((counts.rows().size() - n) + " more");
        return cells.isEmpty() ? "-" : String.join(", ", cells);
    }

    /**
     * One row per server: its build and status, the CVEs proven exploited on it (with their proof), the CVEs it is
     * open to (most severe first) and the one action that closes them.
     */
    static void exposure(QueryResult x, Writer out) throws IOException {
        out.write("<h2>Exposure</h2>\n");
        if (x.rows().isEmpty()) {
            out.write("<p class=\"muted\">No Exchange build information among the evidence.</p>\n");
            return;
        }
        Map<String, List<List<Object>>> byServer = new TreeMap<>();
        for (List<Object> r : x.rows()) byServer.computeIfAbsent(str(r, 0), k -> new ArrayList<>()).add(r);
        out.write("<table class=\"exposure\"><tr><th>Server</th><th>Build</th><th>Status</th><th>Exploited on this server</th>"
                + "<th>Open CVEs, most severe first</th><th>Action</th></tr>\n");
        for (Map.Entry<String, List<List<Object>>> e : byServer.entrySet()) {
            List<List<Object>> rows = new ArrayList<>(e.getValue());
            rows.sort(Comparator.comparingInt((List<Object> r) -> -levelIndex(str(r, 3))).thenComparing(r -> String.valueOf(str(r, 1))));
            Set<String> cves = new LinkedHashSet<>();
            Set<String> actions = new LinkedHashSet<>();
            List<String> proofs = new ArrayList<>();
            String build = null;
            String status = null;
            for (List<Object> r : rows) {
                JsonNode d = parse(str(r, col(x, "details")));
                cves.add(str(r, 1));
                if (!d.path("action").asText("").isEmpty()) actions.add(d.path("action").asText());
                if (build == null && !d.path("build").asText("").isEmpty()) build = d.path("build").asText();
                if (status == null && !d.path("status").asText("").isEmpty()) status = d.path("status").asText();
                if (d.path("exploited_on_server").asBoolean(false)) proofs.add(proof(str(r, 1), d));
            }
            long critical = rows.stream().filter(r -> "critical".equals(str(r, 3))).count();
            long high = rows.stream().filter(r -> "high".equals(str(r, 3))).count();
            out.write("<tr><td>" + Html.esc(e.getKey()) + "</td><td>" + Html.esc(build) + "</td><td>" + Html.esc(status)
                    + "</td><td>" + (proofs.isEmpty() ? "-" : folded(proofs, proofs.size())) + "</td><td>"
                    + cves.size() + " (" + critical + " critical, " + high + " high): " + folded(new ArrayList<>(cves), SHOWN_CVES)
                    + "</td><td>" + Html.esc(String.join(" / ", actions)) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    /**
     * What proved an exposure exploited on its server, with the first proof's id for the findings table, e.g.
     * {@code CVE-2021-26855 (49 findings from 2021-03-03T01:17:58Z, first 1f19b2bd650b3848)}.
     */
    static String proof(String cve, JsonNode details) {
        int count = details.path("proof_count").asInt(details.path("proven_by").size());
        return cve + " (" + count + (count == 1 ? " finding" : " findings") + " from " + details.path("first_proof").asText("-")
                + ", first " + details.path("proven_by").path(0).path("id").asText("-") + ")";
    }

    /** A list that may run long, each item kept on one line: its first {@code shown} items, the rest folded behind a click. */
    static String folded(List<String> items, int shown) {
        String head = unbroken(items.subList(0, Math.min(shown, items.size())));
        if (items.size() <= shown) return head;
        return head + " <details><summary>and " + (items.size() - shown) + " more</summary>"
                + unbroken(items.subList(shown, items.size())) + "</details>";
    }

    /** Items joined by commas, none broken at its hyphens (CVE-2021-26855 stays whole). */
    private static String unbroken(List<String> items) {
        List<String> spans = new ArrayList<>();
        for (String i : items) spans.add("<span class=\"nw\">" + Html.esc(i) + "</span>");
        return String.join(", ", spans);
    }

    /** An incident's impact rows, one compact row per entry: what (mailbox or path), when, how, how much. */
    static void impact(List<List<Object>> rows, Writer out) throws IOException {
        boolean any = false;
        for (List<Object> r : rows) {
            if (!any) out.write("<table class=\"impact\"><tr><th>Impact</th><th>Mailbox or file</th><th>First</th><th>Last</th>"
                    + "<th>How</th><th>Requests</th><th>Bytes</th></tr>\n");
            any = true;
            String how = String.join(" ", java.util.stream.Stream.of(str(r, 3), str(r, 8) == null ? null : "to " + str(r, 8), str(r, 9))
                    .filter(java.util.Objects::nonNull).toList());
            out.write("<tr><td>" + Html.esc(str(r, 1)) + "</td><td>" + Html.esc(str(r, 2)) + "</td><td>" + Html.esc(str(r, 4))
                    + "</td><td>" + Html.esc(str(r, 5)) + "</td><td>" + Html.esc(how) + "</td><td>" + Html.esc(str(r, 6))
                    + "</td><td>" + Html.esc(str(r, 7)) + "</td></tr>\n");
        }
        if (any) out.write("</table>\n");
    }

    private static void findingsTable(FindingsQuery findings, Writer out) throws IOException, SQLException {
        out.write("<h2>Findings</h2>\n<div class=\"controls\"><input id=\"q\" placeholder=\"filter (Enter)\" size=\"40\">"
                + "<select id=\"lvl\"><option value=\"\">all levels</option>");
        for (String l : LEVELS) out.write("<option>" + l + "</option>");
        out.write("</select><button id=\"prev\">&larr;</button><button id=\"next\">&rarr;</button>"
                + "<span id=\"page-info\" class=\"muted\"></span></div>\n");
        out.write("<table id=\"findings\"><thead><tr><th>Time</th><th>Level</th><th>Detector</th><th>Rule</th><th>Host</th>"
                + "<th>Evidence</th><th>SHA-256</th><th>Indicators</th><th>Id</th><th>Triage</th></tr></thead><tbody id=\"findings-body\"></tbody></table>\n");
        out.write("<script type=\"application/json\" id=\"findings-data\">");
        writeFindingsJson(findings.rows(), out);
        out.write("</script>\n");
    }

    /**
     * Streams the findings as dictionary-encoded JSON, so a million of them stay a manageable page; {@code <},
     * {@code >}, {@code &} and all non-ASCII are written as escapes, so nothing in it can close the script block,
     * and evidence text is shown with its hidden characters escaped ({@link SafeText#visible}).
     */
    static void writeFindingsJson(CaseFile cf, Writer out) throws IOException, SQLException {
        try (FindingsQuery q = FindingsQuery.start(cf)) {
            writeFindingsJson(q.rows(), out);
        }
    }

    private static void writeFindingsJson(ResultSet rs, Writer out) throws IOException, SQLException {
        Dict rules = new Dict();
        Dict hosts = new Dict();
        Dict paths = new Dict();
        Dict detectors = new Dict();
        Map<Integer, String> shas = new HashMap<>();
        JsonFactory jf = new JsonFactory();
        jf.setCharacterEscapes(new ScriptSafeEscapes());
        try (JsonGenerator g = jf.createGenerator(new NonClosingWriter(out))) {
            g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            g.writeStartObject();
            g.writeArrayFieldStart("rows");
            while (rs.next()) {
                g.writeStartArray();
                g.writeString(rs.getString(1));
                g.writeNumber(levelIndex(rs.getString(2)));
                g.writeNumber(detectors.id(rs.getString(3)));
                g.writeNumber(rules.id(rs.getString(4)));
                String host = rs.getString(5);
                g.writeNumber(host == null ? -1 : hosts.id(host));
                int p = paths.id(rs.getString(6));
                shas.putIfAbsent(p, rs.getString(7));
                g.writeNumber(p);
                g.writeNumber(rs.getLong(8));
                g.writeNumber(rs.getLong(9));
                g.writeString(rs.getString(10));
                g.writeString(rs.getString(11) == null ? "" : SafeText.visible(rs.getString(11)));
                g.writeString(rs.getString(12) == null ? "" : SafeText.visible(rs.getString(12)));
                g.writeEndArray();
            }
            g.writeEndArray();
            writeDict(g, "rules", rules);
            writeDict(g, "hosts", hosts);
            writeDict(g, "paths", paths);
            writeDict(g, "detectors", detectors);
            g.writeArrayFieldStart("shas");
            for (int i = 0; i < paths.values.size(); i++) g.writeString(shas.get(i));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeDict(JsonGenerator g, String name, Dict d) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : d.values) g.writeString(SafeText.visible(s));
        g.writeEndArray();
    }

    static int levelIndex(String level) {
        for (int i = 0; i < LEVELS.length; i++) {
            if (LEVELS[i].equals(level)) return i;
        }
        return 0;
    }

    static String list(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return s.isEmpty() ? "-" : String.join(", ", s);
    }

    static JsonNode parse(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The CSP source for an inline block: its SHA-256 in base64. */
    static String hash(String inline) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/dwell/report/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes the characters that could end or confuse an inline script block. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] table;

        ScriptSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** Lets the JSON generator finish without closing the report's writer. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Interns strings to indices, in first-seen order. */
    private static final class Dict {
        final List<String> values = new ArrayList<>();
        private final Map<String, Integer> ids = new TreeMap<>();

        int id(String s) {
            String k = s == null ? "" : s;
            return ids.computeIfAbsent(k, x -> {
                values.add(x);
                return values.size() - 1;
            });
        }
    }
}
