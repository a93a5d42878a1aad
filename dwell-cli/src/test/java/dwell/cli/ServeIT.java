package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.testkit.CaseFixture;
import dwell.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * `dwell serve` end to end: its API's guards (token, Host, Origin), the API's answers against what the case was
 * made of, and in headless Chromium the path an analyst takes (overview, incident, finding, triage that survives a
 * reload, facets, search, the timeline brush), with hostile evidence planted in every field showing as text; and the
 * impact of a scanned intrusion ({@link ImpactEvidence}) on its incident's page and the overview.
 */
class ServeIT {
    @TempDir
    static Path tmp;
    static Served hostile;
    static Served impact;
    static ImpactEvidence evidence;
    static ChromeDriver browser;
    static Map<String, JsonNode> lines = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 300);
        for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
            JsonNode f = Json.MAPPER.readTree(l);
            lines.put(f.get("id").asText(), f);
        }
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, new RunInfo("dwell scan x", "0.1.0", "d", Instant.parse("2021-03-05T10:00:00Z"), Instant.parse("2021-03-05T10:01:00Z")));
        }
        hostile = new Served(db, "analyst " + CaseFixture.PAYLOADS.get(1));
        evidence = new ImpactEvidence().write(tmp.resolve("evidence"));
        Dwell.Result scan = Dwell.run("scan", tmp.resolve("evidence").toString(), "--out", tmp.resolve("impact").toString());
        assertEquals(0, scan.exit(), scan.err());
        impact = new Served(tmp.resolve("impact").resolve("case.duckdb"), "a.nalyst");
        browser = Chromium.start(tmp.resolve("profile"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (browser != null) browser.quit();
        if (hostile != null) hostile.close();
        if (impact != null) impact.close();
    }

    @Test
    void everyRequestNeedsTheTokenAndAHostOfThisServer() throws Exception {
        assertEquals(401, hostile.request("GET", "/api/findings", Map.of(), null).status());
        assertEquals(401, hostile.request("GET", "/", Map.of(), null).status());
        assertEquals(401, hostile.request("GET", "/assets/findings.js", Map.of(), null).status());
        assertEquals(401, hostile.request("GET", "/api/findings", Map.of("Authorization", "Bearer " + hostile.token + "x"), null).status());
        assertEquals(401, hostile.request("GET", "/api/findings?token=wrong", Map.of(), null).status());
        assertEquals(200, hostile.get("/api/findings").status());
        String bearer = "Bearer " + hostile.token;
        // DNS rebinding: a name that resolves here, but is not this server's
        for (String host : List.of("evil.example", "evil.example:" + hostile.port, "127.0.0.1.evil.example", "localhost.evil.example")) {
            assertEquals(403, hostile.request("GET", "/api/findings", Map.of("Host", host, "Authorization", bearer), null).status(), host);
        }
        for (String host : List.of("localhost:" + hostile.port, "LOCALHOST", "127.0.0.1")) {
            assertEquals(200, hostile.request("GET", "/api/findings", Map.of("Host", host, "Authorization", bearer), null).status(), host);
        }
    }

    @Test
    void thePageTradesTheTokenForAStrictCookieAndEveryAnswerHasTheStrictPolicy() throws Exception {
        Served.Response r = hostile.request("GET", "/?token=" + hostile.token, Map.of(), null);
        assertEquals(303, r.status());
        assertEquals("/", r.headers().get("location"), "the token leaves the address");
        String cookie = r.headers().get("set-cookie");
        assertTrue(cookie.startsWith("dwell_" + hostile.port + "=" + hostile.token + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
        Served.Response page = hostile.request("GET", "/", Map.of("Cookie", "dwell_" + hostile.port + "=" + hostile.token), null);
        assertEquals(200, page.status());
        for (Served.Response x : List.of(r, page, hostile.get("/api/findings"), hostile.request("GET", "/", Map.of(), null))) {
            String csp = x.headers().get("content-security-policy");
            assertTrue(csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), csp);
            assertFalse(csp.contains("unsafe"), csp);
            assertEquals("nosniff", x.headers().get("x-content-type-options"));
        }
        assertFalse(page.body().contains("<script>") || page.body().contains("style="), "no inline script or style");
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "every asset from this server");
    }

    @Test
    void aChangeFromAnotherOriginIsRefused() throws Exception {
        String body = "{\"status\":\"benign\",\"note\":\"x\"}";
        String cookie = "dwell_" + hostile.port + "=" + hostile.token;
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertEquals(403, post("/api/findings/f1/triage", Map.of("Cookie", cookie, "Origin", "http://evil.example"), body).status());
        assertEquals(403, post("/api/findings/f1/triage", Map.of("Cookie", cookie, "Origin", "null"), body).status());
        assertEquals(403, post("/api/findings/f1/triage", Map.of("Cookie", cookie), body).status(), "a cookie alone, no Origin");
        assertEquals(401, hostile.request("POST", "/api/findings/f1/triage", json, body).status());
        assertEquals(403, post("/api/findings/f1/triage", Map.of("Authorization", "Bearer " + hostile.token,
                "Origin", "http://localhost.evil.example:" + hostile.port), body).status());
        assertEquals(200, post("/api/findings/f1/triage", Map.of("Cookie", cookie, "Origin", "http://127.0.0.1:" + hostile.port), body).status());
        assertEquals(400, post("/api/findings/f1/triage", Map.of("Authorization", "Bearer " + hostile.token), "{\"status\":\"done\"}").status());
        assertEquals(400, hostile.request("POST", "/api/findings/f1/triage", Map.of("Authorization", "Bearer " + hostile.token,
                "Content-Type", "text/plain"), body).status(), "a form-like body is no decision");
        assertEquals(404, post("/api/findings/nope/triage", Map.of("Authorization", "Bearer " + hostile.token), body).status());
        JsonNode f = Json.MAPPER.readTree(hostile.get("/api/findings/f1").body());
        assertEquals("benign", f.get("triage").get("status").asText());
        assertEquals("analyst " + CaseFixture.PAYLOADS.get(1), f.get("triage").get("analyst").asText());
    }

    @Test
    void decisionsOutliveTheServerAndAnyAddressButLoopbackIsWarnedAbout() throws Exception {
        Path copy = tmp.resolve("copy.duckdb");
        Files.copy(tmp.resolve("case.duckdb"), copy);
        try (Served wide = new Served(copy, "b.analyst", "--bind", "0.0.0.0")) {
            assertTrue(Files.readString(wide.err).contains("warning: serving on 0.0.0.0, reachable from other machines"), Files.readString(wide.err));
            Served.Response r = wide.request("POST", "/api/findings/f7/triage", Map.of("Authorization", "Bearer " + wide.token,
                    "Content-Type", "application/json"), "{\"status\":\"false-positive\",\"note\":\"scanner\"}");
            assertEquals(200, r.status(), r.body());
        }
        try (CaseFile c = CaseFile.openExisting(copy)) {
            assertEquals(List.of(List.of("f7", "false-positive", "scanner", "b.analyst")),
                    c.query("SELECT finding_id, status, note, analyst FROM triage").rows());
        }
        assertFalse(Files.readString(hostile.err).contains("warning"), "loopback is not warned about");
    }

    @Test
    void badInputIsAClearErrorWithExitStatus2() throws Exception {
        Dwell.Result missing = Dwell.run("serve", tmp.resolve("none.duckdb").toString(), "--port", "0");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such case file"), missing.err());
        Dwell.Result port = Dwell.run("serve", tmp.resolve("case.duckdb").toString(), "--port", "70000");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("--port must be 0 to 65535"), port.err());
        Path notACase = tmp.resolve("notes.duckdb");
        Files.writeString(notACase, "not a database");
        Dwell.Result bad = Dwell.run("serve", notACase.toString(), "--port", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("not a readable dwell case file"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace");
        assertEquals("not a database", Files.readString(notACase), "the file is left as it was");
    }

    private static Served.Response post(String path, Map<String, String> headers, String body) throws Exception {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return hostile.request("POST", path, h, body);
    }

    @Test
    void findingsApiFiltersAndPagesAsTheCaseWasMade() throws Exception {
        // CaseFixture: 7 hostile sigma findings (high), one exposure (critical, EXCH01), 300 ioc findings: every fifth
        // critical, the rest medium, on host EXCH0(i % 3)
        assertEquals(308, total(""));
        assertEquals(7, total("level=high"));
        assertEquals(1 + 60, total("level=critical"));
        assertEquals(7 + 61, total("level=high&level=critical"));
        assertEquals(7, total("detector=sigma"));
        assertEquals(100 + 1, total("host=EXCH01"));
        assertEquals(1, total("q=BREAKOUT"), "search ignores case");
        assertEquals(300, total("rule=Known%20attacker%20address"));
        assertEquals(308, total("technique=T1505.003"));
        assertEquals(0, total("technique=t1190"));
        long in2019 = lines.values().stream().filter(f -> f.get("time").asText().startsWith("2019")).count();
        assertEquals(in2019, total("since=2019-01-01&until=2019-12-31"));
        JsonNode page = Json.MAPPER.readTree(hostile.get("/api/findings?offset=300&limit=100").body());
        assertEquals(308, page.get("total").asLong());
        assertEquals(8, page.get("findings").size());
        for (String bad : List.of("limit=5000", "offset=-1", "since=yesterday", "status=done", "since=2021-01-01&until=2020-01-01")) {
            Served.Response r = hostile.get("/api/findings?" + bad);
            assertEquals(400, r.status(), bad);
            assertTrue(Json.MAPPER.readTree(r.body()).get("error").asText().length() > 5, r.body());
        }
        // a finding as findings.jsonl has it, plus its triage
        JsonNode one = Json.MAPPER.readTree(hostile.get("/api/findings/hostile4").body());
        lines.get("hostile4").fields().forEachRemaining(e -> assertEquals(e.getValue(), one.get(e.getKey()), e.getKey()));
        assertEquals("dwell scan x", one.get("runs").get("first_command_line").asText());
        assertEquals(1, one.get("runs").get("last").asInt());
        assertEquals(404, hostile.get("/api/findings/none").status());
        JsonNode incidents = Json.MAPPER.readTree(hostile.get("/api/incidents").body()).get("incidents");
        assertEquals(1, incidents.size());
        assertEquals("INC-1", incidents.get(0).get("id").asText());
        assertEquals(8, incidents.get(0).get("impact").get("mailboxes").size());
    }

    private static long total(String query) throws Exception {
        Served.Response r = hostile.get("/api/findings?" + query);
        assertEquals(200, r.status(), query + ": " + r.body());
        return Json.MAPPER.readTree(r.body()).get("total").asLong();
    }

    @Test
    void analystGoesFromOverviewToIncidentToFindingTriagesAndTheDecisionSurvivesAReload() {
        browser.get(hostile.url);
        assertEquals(hostile.at("/"), browser.getCurrentUrl(), "the token is gone from the address");
        browser.findElement(By.linkText("INC-1")).click();
        wait(d -> d.getCurrentUrl().endsWith("/incident/INC-1"));
        assertTrue(browser.findElement(By.id("incident-findings")).getText().contains("Web shell " + CaseFixture.PAYLOADS.get(0)));
        browser.findElement(By.cssSelector("#incident-findings a")).click();
        ready();
        assertTrue(browser.getCurrentUrl().endsWith("/finding/hostile0"), browser.getCurrentUrl());
        assertEquals("needs-review", browser.findElement(By.id("triage-status")).getText());
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("confirmed");
        browser.findElement(By.id("note")).sendKeys("shell confirmed by " + CaseFixture.PAYLOADS.get(5));
        browser.findElement(By.id("save")).click();
        wait(d -> "confirmed".equals(d.findElement(By.id("triage-status")).getText()));
        browser.navigate().refresh();
        ready();
        assertEquals("confirmed", browser.findElement(By.id("triage-status")).getText());
        String history = browser.findElement(By.id("triage-history")).getText();
        assertTrue(history.contains("shell confirmed by " + CaseFixture.PAYLOADS.get(5)), history);
        assertTrue(history.contains("analyst " + CaseFixture.PAYLOADS.get(1)), history);
        // the findings list: a facet, the triage facet, search, and the decision shown there
        browser.get(hostile.at("/findings"));
        ready();
        assertTrue(browser.findElement(By.id("page-info")).getText().startsWith("308 findings"), browser.findElement(By.id("page-info")).getText());
        assertEquals(100, browser.findElements(By.cssSelector("#findings-body tr")).size());
        facet("level", "high");
        assertEquals(7, browser.findElements(By.cssSelector("#findings-body tr")).size());
        facet("status", "confirmed");
        List<WebElement> rows = browser.findElements(By.cssSelector("#findings-body tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains("confirmed: shell confirmed by"), rows.get(0).getText());
        browser.navigate().refresh();
        ready();
        assertEquals(1, browser.findElements(By.cssSelector("#findings-body tr")).size(), "filters live in the address");
        browser.findElement(By.id("clear")).click();
        ready();
        browser.findElement(By.id("q")).sendKeys("breakout", Keys.ENTER);
        ready();
        rows = browser.findElements(By.cssSelector("#findings-body tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains(CaseFixture.PAYLOADS.get(4)), rows.get(0).getText());
    }

    @Test
    void brushingTheTimelineSetsTheWindow() {
        browser.get(hostile.url.replace("/?", "/findings?"));
        ready();
        WebElement over = browser.findElement(By.cssSelector("#timeline .u-over"));
        int w = over.getSize().getWidth();
        // from the left edge to a fifth of the way: 2019's first months
        new Actions(browser).moveToElement(over, -w / 2 + 2, 0).clickAndHold().moveByOffset(w / 5, 0).release().perform();
        ready();
        String since = browser.findElement(By.id("since")).getAttribute("value");
        String until = browser.findElement(By.id("until")).getAttribute("value");
        assertTrue(since.startsWith("2019-") && until.compareTo(since) > 0, since + " .. " + until);
        long shown = Long.parseLong(browser.findElement(By.id("page-info")).getText().split(" ")[0]);
        Instant from = Instant.parse(since), to = Instant.parse(until);
        long expected = lines.values().stream().map(f -> Instant.parse(f.get("time").asText()))
                .filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
        assertEquals(expected, shown, since + " .. " + until);
        assertTrue(shown > 0 && shown < 308, "a window, not everything: " + shown);
    }

    @Test
    void plantedPayloadsInEveryFieldRenderAsText() {
        browser.get(hostile.url);
        for (String path : List.of("/", "/incident/INC-1", "/finding/hostile0", "/finding/hostile1", "/finding/hostile4", "/finding/hostile5",
                "/findings?q=" + "onerror", "/findings?level=high")) {
            browser.get(hostile.at(path));
            if (path.startsWith("/finding")) ready();
            JavascriptExecutor js = browser;
            assertNull(js.executeScript("return window.__pwned === undefined ? null : String(window.__pwned);"), path);
            assertEquals(0L, js.executeScript("return document.querySelectorAll('img,iframe,object,embed,svg[onload],a[href^=javascript]').length;"), path);
        }
        browser.get(hostile.at("/finding/hostile0"));
        ready();
        String text = browser.findElement(By.tagName("body")).getText();
        for (String p : List.of(CaseFixture.PAYLOADS.get(0), "Web shell " + CaseFixture.PAYLOADS.get(0))) assertTrue(text.contains(p), p);
        browser.get(hostile.at("/incident/INC-1"));
        text = browser.findElement(By.tagName("body")).getText();
        for (String p : CaseFixture.PAYLOADS) assertTrue(text.contains(p), "incident page shows literally: " + p);
        browser.get(hostile.at("/findings?level=high"));
        ready();
        text = browser.findElement(By.id("findings")).getText();
        for (String p : List.of(CaseFixture.PAYLOADS.get(0), CaseFixture.PAYLOADS.get(1), CaseFixture.PAYLOADS.get(4))) {
            assertTrue(text.contains("Web shell " + p), "findings list shows literally: " + p);
        }
    }

    @Test
    void eachStoryStepLinksToItsFinding() throws Exception {
        JsonNode incidents = Json.MAPPER.readTree(impact.get("/api/incidents").body()).get("incidents");
        String id = incidents.get(0).get("id").asText();
        JsonNode story = Json.MAPPER.readTree(impact.get("/api/incidents/" + id).body()).get("story");
        List<String> expected = new java.util.ArrayList<>();
        for (JsonNode s : story) expected.add(impact.at("/finding/" + s.get("finding").asText()));
        assertTrue(expected.size() > 1, "a story of several steps: " + story);
        browser.get(impact.at("/incident/" + id));
        List<String> links = browser.findElements(By.cssSelector("table.story td.t a")).stream().map(a -> a.getAttribute("href")).toList();
        assertEquals(expected, links);
        browser.findElements(By.cssSelector("table.story td.t a")).get(1).click();
        ready();
        assertEquals(expected.get(1), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.tagName("body")).getText().contains(story.get(1).get("finding").asText()));
    }

    @Test
    void theIncidentPageShowsWhatTheActorReached() throws Exception {
        JsonNode incidents = Json.MAPPER.readTree(impact.get("/api/incidents").body()).get("incidents");
        String id = null;
        for (JsonNode i : incidents) if (i.get("indicators").toString().contains(ImpactEvidence.ACTOR)) id = i.get("id").asText();
        JsonNode expected = Json.MAPPER.readTree(evidence.expected.toString());
        browser.get(impact.url);
        WebElement row = browser.findElement(By.xpath("//table[@id='incident-list']//tr[td/a[text()='" + id + "']]"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals(Integer.toString(expected.get("mailboxes").size()), cells.get(cells.size() - 1).getText(), "mailboxes read");
        row.findElement(By.tagName("a")).click();
        wait(d -> d.getCurrentUrl().contains("/incident/"));
        List<WebElement> mailboxes = browser.findElements(By.cssSelector("#impact-mailboxes tr"));
        assertEquals(expected.get("mailboxes").size() + 1, mailboxes.size());
        for (JsonNode m : expected.get("mailboxes")) {
            List<String> protocols = new java.util.ArrayList<>();
            m.get("protocols").forEach(p -> protocols.add(p.asText()));
            String want = String.join(" ", m.get("mailbox").asText(), String.join(", ", protocols), m.get("first").asText(),
                    m.get("last").asText(), m.get("requests").asText(), m.get("bytes").asText());
            assertTrue(mailboxes.stream().anyMatch(r -> r.getText().equals(want)), want);
        }
        for (String[] k : new String[][] {{"forwarding", "forwarding"}, {"exports", "exports"}, {"permissions", "permissions"},
                {"address_book", "address_book"}, {"staged", "staged"}}) {
            assertEquals(expected.get(k[1]).size() + 1, browser.findElements(By.cssSelector("#impact-" + k[0] + " tr")).size(), k[0]);
        }
        List<WebElement> bytes = browser.findElements(By.cssSelector("#impact-bytes_to_actor tr"));
        assertEquals(evidence.actorBytes.size() + 1, bytes.size());
        evidence.actorBytes.forEach((protocol, n) ->
                assertTrue(bytes.stream().anyMatch(r -> r.getText().equals(protocol + " " + n)), protocol + " " + n));
        for (JsonNode i : incidents) {
            if (!i.get("id").asText().equals(id)) continue;
            Map<String, Long> api = new java.util.TreeMap<>();
            i.get("impact").get("bytes_to_actor").fields().forEachRemaining(e -> api.put(e.getKey(), e.getValue().asLong()));
            assertEquals(evidence.actorBytes, api, "the API's bytes_to_actor");
        }
        String forwarding = browser.findElement(By.id("impact-forwarding")).getText();
        assertTrue(forwarding.contains(expected.get("forwarding").get(0).get("to").asText()), forwarding);
        assertTrue(browser.findElement(By.id("impact-exports")).getText().contains(expected.get("exports").get(0).get("path").asText()));
    }

    private static void facet(String name, String value) {
        browser.findElement(By.xpath("//div[@id='facet-" + name + "']//label[starts-with(normalize-space(.), '" + value + " (')]/input")).click();
        ready();
    }

    private static void ready() {
        wait(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    private static void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> until) {
        // a page that re-renders (a saved decision) may drop the element being read: Chrome reports that as a stale
        // element or, between finding and reading it, as "Node with given id does not belong to the document"
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(until::apply);
    }
}
