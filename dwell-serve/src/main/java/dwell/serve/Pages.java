package dwell.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.TriageStatus;
import dwell.report.CaseView;
import dwell.report.Html;
import dwell.text.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The workbench's pages, written on the server with every evidence string escaped ({@link Html#esc}); the only
 * scripts are the workbench's own files, which the Content Security Policy allows alone.
 */
final class Pages {
    private final CaseStore store;
    private final String caseName;

    Pages(CaseStore store, String caseName) {
        this.store = store;
        this.caseName = caseName;
    }

    /** Incidents first (first trace, dwell, mailboxes read), exposure per server, counts, coverage and its gaps. */
    String overview() throws SQLException, IOException {
        CaseView v = store.view();
        StringWriter b = new StringWriter();
        b.write("<h1>Case " + Html.esc(caseName) + "</h1>\n");
        v.incidents(b, id -> "/incident/" + Html.esc(path(id)));
        v.exposure(b);
        v.counts(b);
        b.write("<p><a id=\"all-findings\" href=\"/findings\">All findings</a></p>\n<h2>Evidence coverage</h2>\n");
        b.write(v.coverageChart());
        List<String[]> gaps = v.gaps();
        b.write("<h3>Gaps (" + gaps.size() + ")</h3>\n");
        if (gaps.isEmpty()) b.write("<p class=\"muted\">No log series misses a day or more between its first and last event.</p>\n");
        else {
            b.write("<table id=\"gaps\"><tr><th>Series</th><th>From</th><th>To</th></tr>\n");
            for (String[] g : gaps) b.write("<tr><td>" + Html.esc(g[0]) + "</td><td>" + g[1] + "</td><td>" + g[2] + "</td></tr>\n");
            b.write("</table>\n");
        }
        return page("Overview", b.toString(), List.of());
    }

    /** An incident: its story in time order, hosts, indicators, techniques, CVEs, impact and all its findings; null if unknown. */
    String incident(String id) throws SQLException, IOException {
        StringWriter b = new StringWriter();
        b.write("<p><a href=\"/\">Overview</a> &rsaquo; incident</p>\n");
        if (!store.view().story(id, f -> "/finding/" + path(f), b)) return null;
        ImpactTables.html(store.impact(id), b);
        List<ObjectNode> findings = store.incidentFindings(id);
        b.write("<h2>Findings (" + findings.size() + ")</h2>\n<p><a href=\"/findings?incident=" + Html.esc(query(id))
                + "\">Filter them in the findings list</a></p>\n");
        findingTable(findings, b);
        return page("Incident " + id, b.toString(), List.of());
    }

    /** The findings list: facets, search, the timeline to brush and the table, all drawn by findings.js from the API. */
    String findings() {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Findings</h1>\n<div class=\"controls\"><input id=\"q\" placeholder=\"search the events (Enter)\" size=\"40\">")
                .append(" since <input id=\"since\" size=\"22\" placeholder=\"2021-03-01\"> until <input id=\"until\" size=\"22\">")
                .append(" <button id=\"clear\">clear filters</button></div>\n")
                .append("<div id=\"timeline\"></div>\n<div class=\"layout\"><div id=\"facets\"></div><div class=\"list\">")
                .append("<div class=\"controls\"><button id=\"prev\">&larr;</button><button id=\"next\">&rarr;</button>")
                .append("<span id=\"page-info\" class=\"muted\"></span></div>\n<table id=\"findings\"><thead><tr><th>Time</th><th>Level</th>")
                .append("<th>Detector</th><th>Rule</th><th>Host</th><th>Evidence</th><th>Triage</th></tr></thead><tbody id=\"findings-body\">")
                .append("</tbody></table></div></div>\n");
        return page("Findings", b.toString(), List.of("uPlot.iife.min.js", "findings.js"));
    }

    /** A finding: the whole event, where it was found (path, line or record, hash, format), its pivot chain and triage; null if unknown. */
    String finding(String id) throws SQLException, IOException {
        ObjectNode f = store.finding(id);
        if (f == null) return null;
        JsonNode rule = f.path("rule");
        JsonNode ev = f.path("evidence");
        StringWriter b = new StringWriter();
        b.write("<p><a href=\"/\">Overview</a> &rsaquo; <a href=\"/findings\">Findings</a> &rsaquo; finding</p>\n");
        b.write("<h1 id=\"finding-title\">" + Html.esc(rule.path("title").asText()) + "</h1>\n<table class=\"facts\">");
        row(b, "Finding", f.path("id").asText());
        row(b, "Level", rule.path("level").asText());
        row(b, "Time", f.path("time").asText(""));
        row(b, "Detector", f.path("detector").asText());
        row(b, "Rule id", rule.path("id").asText());
        row(b, "Tags", join(rule.path("tags")));
        row(b, "Host", f.path("host").asText(""));
        row(b, "Evidence", ev.path("path").asText());
        row(b, "Line", ev.path("line").asLong() > 0 ? ev.path("line").asText() : "-");
        row(b, "Record", ev.path("record").asLong() > 0 ? ev.path("record").asText() : "-");
        row(b, "Format", ev.path("format").asText(""));
        row(b, "SHA-256", ev.path("sha256").asText(""));
        JsonNode runs = f.path("runs");
        row(b, "Found by", "run " + runs.path("first").asText() + " (" + runs.path("first_command_line").asText("-") + ", dwell "
                + runs.path("first_dwell_version").asText("-") + ", ended " + runs.path("first_ended").asText("-") + ")"
                + (runs.path("last").asInt() != runs.path("first").asInt() ? ", last found by run " + runs.path("last").asText() : ""));
        b.write("</table>\n<h2>Triage</h2>\n");
        String status = f.path("triage").path("status").asText(TriageStatus.NEEDS_REVIEW.id());
        b.write("<p>Status: <b id=\"triage-status\">" + Html.esc(status) + "</b></p>\n<form id=\"triage\" data-finding=\""
                + Html.esc(f.path("id").asText()) + "\"><select id=\"status\">");
        for (TriageStatus s : TriageStatus.values()) {
            b.write("<option" + (s.id().equals(status) ? " selected" : "") + ">" + s.id() + "</option>");
        }
        b.write("</select> <input id=\"note\" size=\"60\" maxlength=\"10000\" placeholder=\"why (saved with your decision)\"> "
                + "<button id=\"save\" type=\"submit\">Save</button> <span id=\"triage-error\" class=\"error\"></span></form>\n");
        if (!f.path("triage_history").isEmpty()) {
            b.write("<table id=\"triage-history\"><tr><th>Time</th><th>Status</th><th>Analyst</th><th>Note</th></tr>\n");
            for (JsonNode d : f.path("triage_history")) {
                b.write("<tr><td class=\"t\">" + Html.esc(d.path("time").asText()) + "</td><td>" + Html.esc(d.path("status").asText())
                        + "</td><td>" + Html.esc(d.path("analyst").asText("")) + "</td><td>" + Html.esc(d.path("note").asText("")) + "</td></tr>\n");
            }
            b.write("</table>\n");
        }
        b.write("<h2>Event</h2>\n<table id=\"event\" class=\"facts\">");
        for (Iterator<Map.Entry<String, JsonNode>> it = f.path("event").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(b, e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : Json.LINE.writeValueAsString(e.getValue()));
        }
        b.write("</table>\n<h2>Indicators</h2>\n<ul id=\"indicators\">");
        for (JsonNode i : f.path("indicators")) b.write("<li>" + Html.esc(i.path("type").asText() + " " + i.path("value").asText()) + "</li>");
        b.write("</ul>\n");
        if (!f.path("pivot_chain").isEmpty()) {
            b.write("<h2>Pivot chain</h2>\n<ol id=\"pivot-chain\">");
            for (JsonNode s : f.path("pivot_chain")) {
                b.write("<li>" + Html.esc(s.path("indicator").path("type").asText() + " " + s.path("indicator").path("value").asText())
                        + " from <a href=\"/finding/" + Html.esc(path(s.path("id").asText())) + "\">" + Html.esc(s.path("id").asText())
                        + "</a> " + Html.esc(s.path("time").asText("") + " " + s.path("detector").asText("") + ": " + s.path("rule").asText("")) + "</li>");
            }
            b.write("</ol>\n");
        }
        if (!f.path("details").isEmpty()) {
            b.write("<h2>Details</h2>\n<pre id=\"details\">" + Html.esc(Json.pretty(f.path("details"))) + "</pre>\n");
        }
        return page("Finding " + id, b.toString(), List.of("finding.js"));
    }

    /** A table of findings, each linking to its page. */
    private static void findingTable(List<ObjectNode> findings, StringWriter b) {
        b.write("<table id=\"incident-findings\"><tr><th>Time</th><th>Level</th><th>Detector</th><th>Rule</th><th>Host</th>"
                + "<th>Evidence</th><th>Triage</th></tr>\n");
        for (ObjectNode f : findings) {
            JsonNode ev = f.path("evidence");
            String level = f.path("rule").path("level").asText();
            b.write("<tr><td class=\"t\"><a href=\"/finding/" + Html.esc(path(f.path("id").asText())) + "\">" + Html.esc(f.path("time").asText("-"))
                    + "</a></td><td class=\"lv-" + Html.esc(level) + "\">" + Html.esc(level) + "</td><td>" + Html.esc(f.path("detector").asText())
                    + "</td><td>" + Html.esc(f.path("rule").path("title").asText()) + "</td><td>" + Html.esc(f.path("host").asText(""))
                    + "</td><td>" + Html.esc(where(ev)) + "</td><td>" + Html.esc(f.path("triage").path("status").asText(TriageStatus.NEEDS_REVIEW.id()))
                    + "</td></tr>\n");
        }
        b.write("</table>\n");
    }

    /** An evidence location: {@code path:line} or {@code path #record}. */
    static String where(JsonNode ev) {
        return ev.path("path").asText() + (ev.path("line").asLong() > 0 ? ":" + ev.path("line").asLong() : "")
                + (ev.path("record").asLong() > 0 ? " #" + ev.path("record").asLong() : "");
    }

    private static void row(StringWriter b, String name, String value) {
        b.write("<tr><th>" + Html.esc(name) + "</th><td>" + Html.esc(value) + "</td></tr>\n");
    }

    private static String join(JsonNode arr) {
        StringBuilder s = new StringBuilder();
        arr.forEach(n -> s.append(s.length() == 0 ? "" : ", ").append(n.asText()));
        return s.toString();
    }

    /** An id as one path segment. */
    static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The page around a body: the workbench's style sheet and navigation, and its own scripts (deferred). */
    private String page(String title, String body, List<String> scripts) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.esc(title)).append(" - dwell workbench - ").append(Html.esc(caseName)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/report.css\">\n<link rel=\"stylesheet\" href=\"/assets/workbench.css\">\n");
        if (scripts.contains("uPlot.iife.min.js")) b.append("<link rel=\"stylesheet\" href=\"/assets/uPlot.min.css\">\n");
        for (String s : scripts) b.append("<script defer src=\"/assets/").append(s).append("\"></script>\n");
        b.append("</head><body>\n<nav><a href=\"/\">Overview</a> <a href=\"/findings\">Findings</a> <span class=\"muted\">")
                .append(Html.esc(caseName)).append("</span></nav>\n").append(body).append("</body></html>\n");
        return b.toString();
    }
}
