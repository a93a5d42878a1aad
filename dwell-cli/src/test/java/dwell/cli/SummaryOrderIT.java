package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console summary and the HTML report lead with the answer (incidents, then exposure per server, then counts),
 * name every rule of an event once, and keep the charts' axis on the evidence: on examples/ and on SigmaHQ's Windows
 * rules over the EVTX attack samples. Expectations come from findings.jsonl and incidents.json, read here.
 */
class SummaryOrderIT {
    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    private static final Pattern HEADLINE = Pattern.compile("^Incident (\\d+) - first trace ");

    @TempDir
    static Path tmp;
    static Scan examples;
    static Scan evtx;

    /** One scan's console output and files. */
    record Scan(String console, Path out, Map<String, JsonNode> findings, JsonNode incidents, String html) {
        static Scan of(Dwell.Result r, Path out) throws Exception {
            assertEquals(0, r.exit(), r.err());
            Map<String, JsonNode> fs = new LinkedHashMap<>();
            for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
                JsonNode f = Json.MAPPER.readTree(l);
                fs.put(f.get("id").asText(), f);
            }
            return new Scan(r.out(), out, fs, Json.MAPPER.readTree(out.resolve("incidents.json").toFile()).get("incidents"),
                    Files.readString(out.resolve("report.html")));
        }

        List<String> lines() {
            return console.lines().toList();
        }

        int level(String findingId) {
            return LEVELS.indexOf(findings.get(findingId).get("rule").get("level").asText());
        }

        /** An incident's highest finding level, as an index into LEVELS. */
        int top(JsonNode incident) {
            int top = -1;
            for (JsonNode f : incident.get("findings")) top = Math.max(top, level(f.asText()));
            return top;
        }
    }

    @BeforeAll
    static void scan() throws Exception {
        Path ex = tmp.resolve("examples");
        examples = Scan.of(Dwell.run("scan", "examples/", "--out", ex.toString()), ex);
        Path ev = tmp.resolve("evtx");
        evtx = Scan.of(Dwell.run("scan", Dwell.corpus("evtx-attack-samples").toString(), "--rules",
                Dwell.corpus("sigma/rules/windows").toString(), "--no-builtin", "--out", ev.toString()), ev);
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no line starts with " + prefix + " in\n" + String.join("\n", lines));
    }

    @Test
    void consoleLeadsWithIncidentsThenExposureThenCounts() {
        List<String> lines = examples.lines();
        assertTrue(HEADLINE.matcher(lines.get(0)).find(), lines.get(0));
        int exposure = indexOfPrefix(lines, "Exposure (Exchange inventory):");
        int evidence = indexOfPrefix(lines, "Evidence: ");
        int level = indexOfPrefix(lines, "LEVEL          FINDINGS");
        int topRules = indexOfPrefix(lines, "LEVEL          TOP RULES");
        int days = indexOfPrefix(lines, "Busiest days: ");
        int hosts = indexOfPrefix(lines, "Hosts: ");
        assertTrue(exposure < evidence && evidence < level && level < topRules && topRules < days && days < hosts, examples.console());
        for (int i = 0; i < examples.incidents().size(); i++) assertTrue(HEADLINE.matcher(lines.get(i)).find(), lines.get(i));
        // examples/README.md: the ProxyLogon wave of 2021-03-03 is the busiest day
        assertTrue(lines.get(days).startsWith("Busiest days: 2021-03-03 ("), lines.get(days));
    }

    @Test
    void consoleSaysEachServersExposureOnOneLineWithEveryCveAndOneAction() {
        Map<String, Set<String>> cves = new HashMap<>();
        Map<String, Set<String>> actions = new HashMap<>();
        for (JsonNode f : examples.findings().values()) {
            if (!f.get("detector").asText().equals("exposure")) continue;
            String host = f.get("host").asText();
            cves.computeIfAbsent(host, h -> new TreeSet<>()).add(f.get("details").get("cve").asText());
            actions.computeIfAbsent(host, h -> new TreeSet<>()).add(f.get("details").get("action").asText());
        }
        assertFalse(cves.isEmpty());
        List<String> lines = examples.lines();
        int head = indexOfPrefix(lines, "Exposure (Exchange inventory):");
        for (String server : cves.keySet()) {
            List<String> mine = lines.subList(head + 1, lines.size()).stream().takeWhile(l -> !l.isEmpty())
                    .filter(l -> l.startsWith(server + " ")).toList();
            assertEquals(1, mine.size(), server + ": " + mine);
            String line = mine.get(0);
            assertEquals(1, actions.get(server).size(), "one action per server in findings.jsonl");
            String action = actions.get(server).iterator().next();
            assertEquals(line.indexOf("action: " + action), line.lastIndexOf("action: "), "the action once: " + line);
            assertTrue(line.endsWith("action: " + action), line);
            assertTrue(line.contains(" " + cves.get(server).size() + " CVEs ("), line);
            // the four CVEs the ProxyLogon wave exploited on EXCH01 lead the line
            assertTrue(line.contains("exploited here CVE-2021-26855, CVE-2021-26857, CVE-2021-26858, CVE-2021-27065;"), line);
        }
    }

    @Test
    void consoleCountsAnEventSeveralRulesHitOnce() {
        for (Scan s : List.of(examples, evtx)) {
            Set<String> events = new HashSet<>();
            for (JsonNode f : s.findings().values()) {
                JsonNode e = f.get("evidence");
                events.add(e.get("path").asText() + "\u0000" + e.get("line").asLong() + "\u0000" + e.get("record").asLong());
            }
            assertTrue(events.size() < s.findings().size(), "the corpus has events several rules hit");
            assertTrue(s.lines().contains(s.findings().size() + " findings on " + events.size()
                    + " events (an event several rules or detectors hit counts once)"), s.console());
        }
    }

    @Test
    void consoleShowsTheTopTenIncidentsMostSevereFirstAndCountsTheRest() {
        List<String> lines = evtx.lines();
        JsonNode all = evtx.incidents();
        assertTrue(all.size() > 10);
        Map<String, JsonNode> byNumber = new HashMap<>();
        for (JsonNode i : all) byNumber.put(i.get("id").asText().replace("INC-", ""), i);
        List<JsonNode> shown = new ArrayList<>();
        for (String l : lines) {
            Matcher m = HEADLINE.matcher(l);
            if (m.find()) shown.add(byNumber.get(m.group(1)));
        }
        assertEquals(PivotOptions.TOP_INCIDENTS, shown.size(), evtx.console());
        assertEquals("... " + (all.size() - 10) + " more incidents (of " + all.size() + ", the most severe and longest first) in "
                + evtx.out().resolve("incidents.json"), lines.get(10));
        int best = -1;
        for (JsonNode i : all) best = Math.max(best, evtx.top(i));
        int prev = Integer.MAX_VALUE;
        for (JsonNode i : shown) {
            int top = evtx.top(i);
            assertTrue(top <= prev, "ordered by level: " + i.get("id"));
            prev = top;
        }
        assertEquals(best, evtx.top(shown.get(0)), "the first shown holds the run's most severe finding");
        // no incident left out is more severe than the last one shown
        Set<JsonNode> rest = new HashSet<>();
        all.forEach(rest::add);
        shown.forEach(rest::remove);
        for (JsonNode i : rest) assertTrue(evtx.top(i) <= prev, i.get("id") + " outranks a shown incident");
    }

    /** The report's section headings, in order. */
    private static List<String> sections(String html) {
        List<String> h = new ArrayList<>();
        Matcher m = Pattern.compile("<h2[^>]*>([^<]+)</h2>").matcher(html);
        while (m.find()) h.add(m.group(1));
        return h;
    }

    @Test
    void reportLeadsWithIncidentsThenExposureThenCounts() {
        // the request rate comes after the charts of every case, when the scan read web logs (examples/ holds some)
        assertEquals(List.of("Incidents", "Exposure", "Counts", "Incident stories", "Evidence coverage", "Findings over time",
                "Request rate", "Findings"), sections(examples.html()));
        assertEquals(List.of("Incidents", "Exposure", "Counts", "Incident stories", "Evidence coverage", "Findings over time",
                "Findings"), sections(evtx.html()));
        // one exposure row per server, the action said once
        String table = examples.html().substring(examples.html().indexOf("<table class=\"exposure\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(2, table.split("<tr>").length - 1, "header and EXCH01: " + table);
        assertEquals(1, table.split("upgrade to Exchange 2016 CU23").length - 1);
        // the overview lists every incident, the most severe first, the first ten unfolded
        String list = evtx.html().substring(evtx.html().indexOf("<table id=\"incident-list\">"));
        int folded = list.indexOf("<details>");
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<a href=\"#incident-[^\"]+\">(INC-\\d+)</a>").matcher(list.substring(0, list.indexOf("</details>")));
        while (m.find()) ids.add(m.group(1));
        assertEquals(evtx.incidents().size(), ids.size());
        assertEquals(10, Pattern.compile("<a href=").matcher(list.substring(0, folded)).results().count());
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode i : evtx.incidents()) byId.put(i.get("id").asText(), i);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(evtx.top(byId.get(ids.get(i))) <= evtx.top(byId.get(ids.get(i - 1))), ids.get(i) + " after " + ids.get(i - 1));
        }
    }

    @Test
    void reportStoriesShowAnEventOnceWithAllItsRules() {
        int merged = 0;
        for (Scan s : List.of(examples, evtx)) {
            for (JsonNode inc : s.incidents()) {
                String id = inc.get("id").asText();
                String html = s.html();
                int at = html.indexOf("<div class=\"incident\" id=\"incident-" + id + "\">");
                assertTrue(at > 0, id);
                String story = html.substring(at, html.indexOf("</table></div>", at));
                // every rule (but the pivot's links) the incident's findings raise at each event
                Map<String, Set<String>> rules = new HashMap<>();
                for (JsonNode f : inc.get("findings")) {
                    JsonNode x = s.findings().get(f.asText());
                    if (x.get("detector").asText().equals("pivot")) continue;
                    JsonNode e = x.get("evidence");
                    rules.computeIfAbsent(e.get("path").asText() + ":" + e.get("line").asLong() + "#" + e.get("record").asLong(),
                            k -> new TreeSet<>()).add(x.get("rule").get("title").asText());
                }
                List<String> rows = List.of(story.split("<tr>"));
                Set<String> seen = new HashSet<>();
                for (JsonNode step : inc.get("story")) {
                    JsonNode e = step;
                    String key = e.get("path").asText() + ":" + e.get("line").asLong() + "#" + e.get("record").asLong();
                    assertTrue(seen.add(key), id + ": one step per event " + key);
                    String where = e.get("path").asText() + (e.get("line").asLong() > 0 ? ":" + e.get("line").asLong() : "")
                            + (e.get("record").asLong() > 0 ? " #" + e.get("record").asLong() : "");
                    List<String> row = rows.stream().filter(r -> r.contains(">" + esc(where) + "</td>")).toList();
                    assertFalse(row.isEmpty(), id + " has no row for " + where);
                    for (String rule : rules.getOrDefault(key, Set.of())) {
                        assertTrue(row.stream().anyMatch(r -> r.contains(esc(rule))), id + " " + where + " misses " + rule);
                    }
                    if (rules.getOrDefault(key, Set.of()).size() > 1) merged++;
                }
            }
        }
        assertTrue(merged > 10, "steps that name several rules: " + merged);
    }

    @Test
    void timelineHasALegendAndEndsWhereTheEvidenceEnds() throws Exception {
        for (Scan s : List.of(examples, evtx)) {
            String chart = s.html().substring(s.html().indexOf("id=\"timeline-chart\""));
            chart = chart.substring(0, chart.indexOf("</svg>"));
            for (String l : LEVELS) assertTrue(chart.contains(">" + l + "</text>"), "legend names " + l);
            String last = null;
            for (JsonNode i : Json.MAPPER.readTree(s.out().resolve("inventory.json").toFile()).get("items")) {
                String t = i.path("last").asText("");
                if (!t.isEmpty() && (last == null || t.compareTo(last) > 0)) last = t;
            }
            List<String> labels = new ArrayList<>();
            Matcher m = Pattern.compile("<text [^>]*>(\\d{4}(-\\d{2})?)</text>").matcher(chart);
            while (m.find()) labels.add(m.group(1));
            assertEquals(last.substring(0, 7), labels.get(labels.size() - 1), "the axis ends in the evidence's last month");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;")
                .replace("`", "&#96;");
    }
}
