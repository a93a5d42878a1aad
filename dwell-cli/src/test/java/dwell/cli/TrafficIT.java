package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.testkit.TrafficLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * End to end: `./dwell traffic` and `./dwell scan` on generated front-end logs hold exactly the planted episodes with
 * the generator's own counts; the scan's pivot follows the account that fell into the intruder's later requests, and
 * the spray, the account that fell and those requests are one incident;
 * findings are byte-identical with one thread; the report draws the request rate from the case with the episodes
 * marked where they happened; examples/ holds no traffic episode.
 */
class TrafficIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path logs;
    static TrafficLogs.Expected expected;

    @BeforeAll
    static void generate() throws Exception {
        logs = tmp.resolve("W3SVC1");
        expected = TrafficLogs.write(logs);
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) out.add(JSON.readTree(l));
        return out;
    }

    @Test
    void trafficCommandPrintsSeriesAndEpisodes() throws Exception {
        Dwell.Result r = Dwell.run("traffic", logs.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode out = JSON.readTree(r.out());
        assertEquals(expected.lines(), out.get("events").asLong());
        JsonNode series = out.get("series");
        assertEquals(1, series.size());
        assertEquals("iis-w3c", series.get(0).get("format").asText());
        assertEquals("-/W3SVC1", series.get(0).get("host").asText());
        assertEquals(expected.lines(), series.get(0).get("requests").asLong());
        assertEquals(expected.floodPeak(), series.get(0).get("peak_per_minute").asLong());
        List<String> rules = new ArrayList<>();
        out.get("episodes").forEach(e -> rules.add(e.get("rule").asText()));
        assertEquals(List.of("traffic.password-spray", "traffic.spray-success", "traffic.brute-force", "traffic.flood"), rules);
        JsonNode flood = out.get("episodes").get(3).get("details");
        assertEquals(expected.floodRequests(), flood.get("requests").asLong());
        assertEquals(expected.floodSources(), flood.get("sources").asLong());

        Dwell.Result table = Dwell.run("traffic", logs.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("CONTOSO\\k.weber from " + TrafficLogs.SPRAY_SOURCE_1 + " after 2 failed attempts"), table.out());
    }

    @Test
    void scanFindsTheEpisodesAndPivotsOnTheAccountThatFell() throws Exception {
        Path out = tmp.resolve("out");
        Dwell.Result r = Dwell.run("scan", logs.toString(), "--out", out.toString(), "--no-case");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> findings = lines(out.resolve("findings.jsonl"));
        List<String> traffic = new ArrayList<>();
        for (JsonNode f : findings) {
            if (f.get("detector").asText().equals("traffic")) traffic.add(f.get("rule").get("id").asText() + " " + f.get("time").asText());
        }
        assertEquals(List.of("traffic.password-spray " + expected.sprayStart(), "traffic.spray-success " + expected.fellTime(),
                "traffic.brute-force " + expected.bruteStart(), "traffic.flood " + expected.floodStart()), traffic);
        // the intruder's EWS requests hours later, as k.weber from the spraying address, are found by the pivot
        long followed = findings.stream().filter(f -> f.get("detector").asText().equals("pivot")
                && f.get("event").path("cs-username").asText().equals(TrafficLogs.FELL_ACCOUNT)
                && f.get("event").path("c-ip").asText().equals(TrafficLogs.SPRAY_SOURCE_1)
                && f.get("time").asText().compareTo(expected.fellTime()) > 0).count();
        assertEquals(20, followed);
        // no ordinary user was followed: the spray's first event names a victim, not the actor
        assertTrue(findings.stream().noneMatch(f -> f.get("detector").asText().equals("pivot")
                && f.get("event").path("c-ip").asText().startsWith("10.0.1.")
                && !f.get("event").path("cs-username").asText().equals(TrafficLogs.FELL_ACCOUNT)));
        // the spray, the account that fell and the intruder's 20 later requests are one incident, and nothing else is in it:
        // the sprayers are followed only where they got in, not through the 800 refused attempts on 400 accounts
        Map<String, JsonNode> byId = new HashMap<>();
        findings.forEach(f -> byId.put(f.get("id").asText(), f));
        JsonNode incidents = JSON.readTree(out.resolve("incidents.json").toFile());
        assertEquals(0, incidents.get("unattributed").size(), incidents.get("unattributed").toString());
        JsonNode sprayIncident = null;
        for (JsonNode i : incidents.get("incidents")) {
            for (JsonNode id : i.get("findings")) {
                if (byId.get(id.asText()).get("rule").get("id").asText().equals("traffic.password-spray")) sprayIncident = i;
            }
        }
        assertTrue(sprayIncident != null, incidents.toString());
        Map<String, Integer> members = new TreeMap<>();
        for (JsonNode id : sprayIncident.get("findings")) {
            JsonNode f = byId.get(id.asText());
            members.merge(f.get("rule").get("id").asText(), 1, Integer::sum);
            if (f.get("detector").asText().equals("pivot")) {
                assertEquals(TrafficLogs.FELL_ACCOUNT, f.get("event").path("cs-username").asText(), f.toString());
                assertEquals("200", f.get("event").path("sc-status").asText(), f.toString());
            }
        }
        assertEquals(Map.of("traffic.password-spray", 1, "traffic.spray-success", 1, "dwell-pivot-ip", 20), members);
        // (the account's own refused attempts are weak leads of its account, not the sprayers followed)
        assertTrue(findings.stream().noneMatch(f -> f.get("detector").asText().equals("pivot")
                && f.get("details").path("strength").asText().equals("strong")
                && f.get("event").path("c-ip").asText().startsWith("198.51.100.") && f.get("event").path("sc-status").asText().equals("401")),
                "a refused attempt of the sprayers was followed");
        // nor is the brute force's: its finding counts its 1,800 attempts, one pivot finding each would bury them
        assertEquals(0, findings.stream().filter(f -> f.get("detector").asText().equals("pivot")
                && f.get("event").path("c-ip").asText().equals(TrafficLogs.BRUTE_SOURCE)).count(), "brute-force attempts echoed");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.get("traffic").get("episodes").size());
        assertEquals(expected.lines(), summary.get("traffic").get("series").get(0).get("requests").asLong());

        Path one = tmp.resolve("one");
        Dwell.Result r1 = Dwell.run("scan", logs.toString(), "--out", one.toString(), "--no-case", "--threads", "1");
        assertEquals(0, r1.exit(), r1.err());
        assertEquals(Files.readString(out.resolve("findings.jsonl")), Files.readString(one.resolve("findings.jsonl")));
    }

    @Test
    void reportChartsTheRequestRateWithTheEpisodesWhereTheyHappened() throws Exception {
        Path out = tmp.resolve("case");
        Dwell.Result r = Dwell.run("scan", logs.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // the case keeps the rate: three weeks at 15-minute buckets would be 2,016 points, over the 1,500 kept; hours are 504
        Dwell.Result q = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT bucket_minutes, count(*) AS buckets, "
                + "sum(requests) AS requests, max(peak_per_minute) AS peak FROM traffic_rate GROUP BY ALL", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        JsonNode rate = JSON.readTree(q.out()).get(0);
        assertEquals(60, rate.get("bucket_minutes").asInt());
        assertEquals(21 * 24, rate.get("buckets").asInt());
        assertEquals(expected.lines(), rate.get("requests").asLong());
        assertEquals(expected.floodPeak(), rate.get("peak").asLong());

        // the report is drawn from the case alone: the logs are gone when it is rendered
        Path copy = tmp.resolve("case-only.duckdb");
        Files.copy(out.resolve("case.duckdb"), copy);
        Path html = tmp.resolve("rate.html");
        Dwell.Result rep = Dwell.run("report", copy.toString(), "--format", "html", "--out", html.toString());
        assertEquals(0, rep.exit(), rep.err());
        ChromeDriver browser = Chromium.open(html, tmp.resolve("profile"));
        try {
            WebElement chart = browser.findElement(By.id("rate-chart-0"));
            assertEquals("iis-w3c", chart.getAttribute("data-format"));
            assertEquals("-/W3SVC1", chart.getAttribute("data-series"));
            List<String> marks = new ArrayList<>();
            for (WebElement e : chart.findElements(By.className("episode"))) {
                assertTrue(e.getRect().getWidth() >= 3 && e.getRect().getHeight() > 100, e.getAttribute("data-rule"));
                marks.add(e.getAttribute("data-rule") + " " + e.getAttribute("data-start") + " " + e.getAttribute("data-end"));
            }
            assertEquals(List.of("traffic.password-spray " + expected.sprayStart() + " " + expected.sprayEnd(),
                    "traffic.spray-success " + expected.fellTime() + " " + expected.fellTime(),
                    "traffic.brute-force " + expected.bruteStart() + " " + expected.bruteEnd(),
                    "traffic.flood " + expected.floodStart() + " " + expected.floodEnd()), marks);
            // the flood's hour is the tallest bar, and its mark lies over it
            WebElement floodHour = chart.findElement(By.cssSelector("rect.bucket[data-start='" + expected.floodStart() + "']"));
            assertEquals(Long.toString(expected.floodPeak()), floodHour.getAttribute("data-peak"));
            WebElement floodMark = chart.findElement(By.cssSelector("rect.episode[data-rule='traffic.flood']"));
            assertTrue(Math.abs(floodMark.getRect().getX() - floodHour.getRect().getX()) <= 1, "flood mark off its hour");
            for (WebElement bar : chart.findElements(By.className("bucket"))) {
                assertTrue(bar.getRect().getHeight() <= floodHour.getRect().getHeight(), bar.getAttribute("data-start"));
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void examplesHoldNoTrafficEpisode() throws Exception {
        Dwell.Result r = Dwell.run("traffic", "examples/", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode out = JSON.readTree(r.out());
        assertEquals(0, out.get("episodes").size());
        // one series per log folder: IIS's W3SVC1 (its zipped 2019 logs too), each HttpProxy protocol, the proxy's nginx
        long folders;
        try (var s = Files.list(Dwell.root().resolve("examples/EXCH01/Exchange/Logging/HttpProxy"))) {
            folders = s.filter(Files::isDirectory).count();
        }
        assertEquals(folders + 2, out.get("series").size());
        List<String> hosts = new ArrayList<>();
        out.get("series").forEach(x -> hosts.add(x.get("host").asText()));
        assertTrue(hosts.contains("-/W3SVC1") && hosts.contains("-/nginx"), hosts.toString());
    }

    @Test
    void missingPathIsAUsageError() throws Exception {
        Dwell.Result r = Dwell.run("traffic", tmp.resolve("nowhere").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nowhere"), r.err());
    }
}
