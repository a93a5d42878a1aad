package dwell.report;

import static dwell.report.CaseData.col;
import static dwell.report.CaseData.str;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.QueryResult;
import dwell.hunt.Level;
import dwell.pivot.IncidentRank;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report's incidents, the most severe first ({@link IncidentRank}): a one-line overview that leads the page, and
 * further down each incident's story, where an event several rules or detectors hit is one step naming all of them.
 */
final class ReportIncidents {
    /** Overview rows shown at once; the rest wait behind a click. */
    static final int TOP = 10;

    private final List<List<Object>> ranked;
    private final QueryResult incidents;
    /** Each incident's impact rows, in the query's order. */
    private final Map<String, List<List<Object>>> impact = new HashMap<>();
    /** Each incident's hosts as shown, from its hosts JSON, which the overview and the story both show. */
    private final Map<List<Object>, String> hosts = new IdentityHashMap<>();
    private final Map<String, Level> topLevel = new HashMap<>();
    /** Per incident, per evidence position: the ids, detectors and rule titles of its findings there. */
    private final Map<String, Map<String, List<String[]>>> rulesAt = new HashMap<>();

    ReportIncidents(CaseData c) {
        incidents = c.incidents();
        for (List<Object> r : c.impact().rows()) impact.computeIfAbsent(str(r, 0), k -> new ArrayList<>()).add(r);
        QueryResult f = c.incidentFindings();
        int cInc = col(f, "incident"), cId = col(f, "id"), cLevel = col(f, "level"), cDet = col(f, "detector"),
                cTitle = col(f, "rule_title"), cPath = col(f, "path"), cLine = col(f, "line"), cRecord = col(f, "record");
        Map<String, Long> counts = new HashMap<>();
        for (List<Object> r : f.rows()) {
            String inc = str(r, cInc);
            counts.merge(inc, 1L, Long::sum);
            Level l = level(str(r, cLevel));
            if (l != null) topLevel.merge(inc, l, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            rulesAt.computeIfAbsent(inc, k -> new HashMap<>())
                    .computeIfAbsent(position(str(r, cPath), num(r.get(cLine)), num(r.get(cRecord))), k -> new ArrayList<>())
                    .add(new String[] {str(r, cId), str(r, cDet), str(r, cTitle)});
        }
        Map<IncidentRank, List<Object>> byRank = new TreeMap<>();
        for (List<Object> r : incidents.rows()) {
            String id = str(r, col(incidents, "id"));
            byRank.put(new IncidentRank(id, topLevel.get(id), num(r.get(col(incidents, "dwell_days"))), counts.getOrDefault(id, 0L)), r);
        }
        ranked = List.copyOf(byRank.values());
    }

    /** One line per incident, the top ones shown and the rest folded, each linking to its story on this page. */
    void overview(Writer out) throws IOException {
        overview(out, id -> "#" + anchor(id));
    }

    /** The overview with each incident linking to {@code link.apply(id)} (already safe to put in an attribute). */
    void overview(Writer out, Function<String, String> link) throws IOException {
        out.write("<h2 id=\"incidents\">Incidents</h2>\n");
        if (ranked.isEmpty()) {
            out.write("<p class=\"muted\">No incidents: no findings were linked by shared indicators.</p>\n");
            return;
        }
        out.write("<p class=\"muted\">" + ranked.size() + (ranked.size() == 1 ? " incident" : " incidents")
                + ", the most severe first, then the longest dwell.</p>\n");
        out.write("<table id=\"incident-list\"><tr><th>Incident</th><th>Level</th><th>First trace</th><th>Last</th><th>Days</th>"
                + "<th>What</th><th>Hosts</th><th>Mailboxes read</th></tr>\n");
        for (int i = 0; i < ranked.size(); i++) {
            if (i == TOP) {
                out.write("</table>\n<details><summary>" + (ranked.size() - TOP) + " more incidents</summary>\n<table>\n");
            }
            List<Object> r = ranked.get(i);
            String id = str(r, 0);
            Level l = topLevel.get(id);
            String lv = l == null ? "-" : l.id();
            out.write("<tr><td><a href=\"" + link.apply(id) + "\">" + Html.esc(id) + "</a></td><td class=\"lv-" + lv + "\">" + lv
                    + "</td><td class=\"t\">" + Html.esc(str(r, 1)) + "</td><td class=\"t\">" + Html.esc(str(r, 2)) + "</td><td>" + Html.esc(str(r, 3))
                    + "</td><td>" + Html.esc(str(r, 10)) + "</td><td>" + Html.esc(hosts(r)) + "</td><td>"
                    + mailboxesRead(id) + "</td></tr>\n");
        }
        out.write("</table>\n");
        if (ranked.size() > TOP) out.write("</details>\n");
    }

    /** How many mailboxes the incident's actor read (its impact's mailbox rows). */
    long mailboxesRead(String incident) {
        return impact.getOrDefault(incident, List.of()).stream().filter(r -> "mailbox".equals(str(r, 1))).count();
    }

    private String hosts(List<Object> incident) {
        return hosts.computeIfAbsent(incident, r -> HtmlReport.list(HtmlReport.parse(str(r, 4))));
    }

    /** The incidents' ids, the most severe first. */
    List<String> ids() {
        return ranked.stream().map(r -> str(r, 0)).toList();
    }

    /** Each incident's story, in the overview's order. */
    void stories(Writer out) throws IOException {
        if (ranked.isEmpty()) return;
        out.write("<h2>Incident stories</h2>\n");
        for (List<Object> r : ranked) story(r, true, null, out);
    }

    /**
     * One incident's story and facts (without its impact: the caller shows it its own way), each step's time linking
     * to {@code findingHref} of the step's finding; false when there is no such incident.
     */
    boolean story(String incident, Function<String, String> findingHref, Writer out) throws IOException {
        for (List<Object> r : ranked) {
            if (str(r, 0).equals(incident)) {
                story(r, false, findingHref, out);
                return true;
            }
        }
        return false;
    }

    private void story(List<Object> r, boolean withImpact, Function<String, String> findingHref, Writer out) throws IOException {
        String id = str(r, 0);
        out.write("<div class=\"incident\" id=\"" + anchor(id) + "\"><h3>" + Html.esc(id) + " &mdash; first trace "
                + Html.esc(str(r, 1)) + ", last " + Html.esc(str(r, 2)) + " (" + Html.esc(str(r, 3)) + " days)</h3>\n");
        if (str(r, 10) != null) out.write("<div><b>" + Html.esc(str(r, 10)) + "</b></div>");
        out.write("<div>Hosts: " + Html.esc(hosts(r)) + "</div>");
        out.write("<div>Techniques: " + Html.esc(HtmlReport.list(HtmlReport.parse(str(r, 6)))) + " &middot; CVEs: "
                + Html.esc(HtmlReport.list(HtmlReport.parse(str(r, 7)))) + "</div>");
        StringBuilder ind = new StringBuilder();
        for (JsonNode i : HtmlReport.parse(str(r, 5))) {
            if (ind.length() > 0) ind.append(", ");
            ind.append(i.path("type").asText()).append(' ').append(i.path("value").asText());
        }
        out.write("<div>Indicators: " + Html.esc(ind.toString()) + "</div>\n");
        if (withImpact) HtmlReport.impact(impact.getOrDefault(id, List.of()), out);
        out.write("<table class=\"story\"><tr><th>Time</th><th>What happened</th><th>Evidence</th></tr>\n");
        Map<String, List<String[]>> at = rulesAt.getOrDefault(id, Map.of());
        for (JsonNode s : HtmlReport.parse(str(r, 9))) {
            long line = s.path("line").asLong();
            long record = s.path("record").asLong();
            String where = s.path("path").asText() + (line > 0 ? ":" + line : "") + (record > 0 ? " #" + record : "");
            String time = Html.esc(s.path("time").asText(""));
            String finding = s.path("finding").asText("");
            if (findingHref != null && !finding.isEmpty()) time = "<a href=\"" + Html.esc(findingHref.apply(finding)) + "\">" + time + "</a>";
            out.write("<tr><td class=\"t\">" + time + "</td><td>" + Html.esc(s.path("summary").asText(""))
                    + also(at.getOrDefault(position(s.path("path").asText(null), line, record), List.of()), s.path("finding").asText(""))
                    + "</td><td>" + Html.esc(where) + "</td></tr>\n");
        }
        out.write("</table></div>\n");
    }

    /**
     * The other rules that hit the step's event, e.g. an IOC on the log line a Sigma rule found: the story keeps
     * one step per event, so they are named there rather than shown as steps of their own. Pivot findings only
     * link, and are left out.
     */
    static String also(List<String[]> here, String stepFinding) {
        String own = null;
        for (String[] f : here) if (f[0].equals(stepFinding)) own = f[2];
        Set<String> others = new LinkedHashSet<>();
        for (String[] f : here) {
            if (f[0].equals(stepFinding) || f[1].equals("pivot") || f[2] == null || f[2].equals(own)) continue;
            others.add(f[1] + ": " + f[2]);
        }
        if (others.isEmpty()) return "";
        return "<div class=\"also\">also " + Html.esc(String.join("; ", others)) + "</div>";
    }

    private static String position(String path, long line, long record) {
        return path + "\u0000" + line + "\u0000" + record;
    }

    /** An incident id as a fragment: ids are dwell's own (INC-n), but pass through evidence-safe escaping anyway. */
    private static String anchor(String id) {
        return "incident-" + Html.esc(id).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static Level level(String s) {
        try {
            return s == null ? null : Level.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
