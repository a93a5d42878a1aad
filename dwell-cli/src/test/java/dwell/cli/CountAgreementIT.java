package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number of findings, in all and per level, is one number: the terminal summary, summary.json, the case file
 * (dwell query, the latest run) and the HTML report agree, on evidence that used to make them disagree - an EVTX
 * log whose slack space holds copies of live records, and a one-line JSON array whose objects share a line - and
 * again after a second scan into the same case.
 */
class CountAgreementIT {
    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    private static final Pattern WRITTEN = Pattern.compile("(?m)^(\\d+) findings written to ");
    private static final Pattern LEVEL_ROW = Pattern.compile("(?m)^(informational|low|medium|high|critical) +(\\d+)$");
    private static final Pattern CARD = Pattern.compile("<div class=\"card( lv-([a-z]+))?\"><b>(\\d+)</b>(findings|[a-z]+)</div>");

    @TempDir
    Path tmp;

    @Test
    void terminalSummaryCaseAndReportCountTheSameFindings() throws Exception {
        Path json = Files.createDirectories(tmp.resolve("json"));
        // PowerShell's ConvertTo-Json -Compress: one line, three events, two of them matching
        Files.writeString(json.resolve("events.json"), "[{\"EventID\":4688,\"Channel\":\"Security\",\"TimeCreated\":\"2021-03-03T07:00:00Z\","
                + "\"CommandLine\":\"evil 1\"},{\"EventID\":4688,\"Channel\":\"Security\",\"TimeCreated\":\"2021-03-03T07:00:00Z\","
                + "\"CommandLine\":\"benign\"},{\"EventID\":4688,\"Channel\":\"Security\",\"TimeCreated\":\"2021-03-03T07:00:00Z\","
                + "\"CommandLine\":\"evil 2\"}]\n");
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("evil.yml"), TestRules.EVIL_COMMAND);
        // its chunk slack holds copies of live records (the EVTX reader may stop delivering them; counts agree either way)
        String slack = Dwell.corpus("evtx-attack-samples/Persistence/persistence_sysmon_11_13_1_shime_appfix.evtx").toString();
        Path out = tmp.resolve("out");

        Dwell.Result first = Dwell.run("scan", slack, json.toString(), "--rules", rules.toString(),
                "--rules", Dwell.corpus("sigma/rules/windows").toString(), "--out", out.toString(), "--no-builtin");
        assertEquals(0, first.exit(), first.err());
        Map<String, Long> counts = agreed(first, out);
        assertTrue(counts.get("all") > 20, counts.toString());
        assertTrue(counts.get("critical") >= 2, counts.toString());
        Set<String> ids = new HashSet<>();
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
        for (String l : lines) assertTrue(ids.add(Json.MAPPER.readTree(l).get("id").asText()), "unique ids: " + l);
        long evil = lines.stream().filter(l -> l.contains("\"CommandLine\":\"evil")).count();
        assertEquals(2, evil, "both matching objects of the one-line array are findings");

        Dwell.Result second = Dwell.run("scan", slack, json.toString(), "--rules", rules.toString(), "--out", out.toString(),
                "--no-builtin");
        assertEquals(0, second.exit(), second.err());
        Map<String, Long> again = agreed(second, out);
        assertEquals(2L, again.get("all"), "the report shows the latest run: " + again);
        JsonNode total = Json.MAPPER.readTree(Dwell.run("query", out.resolve("case.duckdb").toString(),
                "SELECT count(*) AS n FROM findings", "--format", "json").out());
        assertEquals(counts.get("all"), total.get(0).get("n").asLong(), "the case keeps the first run's findings");
    }

    /** The counts, in all and per level, after checking that all four places give the same ones. */
    private static Map<String, Long> agreed(Dwell.Result scan, Path out) throws Exception {
        Map<String, Long> terminal = new TreeMap<>();
        Matcher w = WRITTEN.matcher(scan.out());
        assertTrue(w.find(), scan.out());
        terminal.put("all", Long.parseLong(w.group(1)));
        Matcher lv = LEVEL_ROW.matcher(scan.out());
        while (lv.find()) terminal.put(lv.group(1), Long.parseLong(lv.group(2)));

        Map<String, Long> summary = new TreeMap<>();
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        summary.put("all", s.get("findings").asLong());
        for (String l : LEVELS) summary.put(l, s.get("by_level").get(l).asLong());

        Map<String, Long> caseFile = new TreeMap<>();
        for (String l : LEVELS) caseFile.put(l, 0L);
        Dwell.Result q = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT coalesce(level, '-') AS level, count(*) AS n "
                + "FROM findings WHERE last_run = (SELECT max(run_id) FROM runs) GROUP BY ALL", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        long all = 0;
        for (JsonNode row : Json.MAPPER.readTree(q.out())) {
            caseFile.put(row.get("level").asText(), row.get("n").asLong());
            all += row.get("n").asLong();
        }
        caseFile.put("all", all);

        Map<String, Long> html = new TreeMap<>();
        Matcher c = CARD.matcher(Files.readString(out.resolve("report.html")));
        while (c.find()) {
            if (c.group(4).equals("findings")) html.put("all", Long.parseLong(c.group(3)));
            else if (c.group(2) != null) html.put(c.group(2), Long.parseLong(c.group(3)));
        }

        assertEquals(summary, terminal, "terminal and summary.json");
        assertEquals(summary, caseFile, "summary.json and the case");
        assertEquals(summary, html, "summary.json and the HTML report");
        assertEquals(summary.get("all"), Files.readAllLines(out.resolve("findings.jsonl")).size(), "findings.jsonl");
        return summary;
    }
}
