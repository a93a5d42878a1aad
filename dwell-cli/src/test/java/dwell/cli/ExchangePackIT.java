package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./dwell scan examples/}: the built-in Exchange pack finds the compromise of examples/README.md, exactly. */
class ExchangePackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path out;
    static List<JsonNode> pack;
    static JsonNode summary;

    @BeforeAll
    static void scan() throws Exception {
        Dwell.Result r = Dwell.run("scan", "examples/", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        summary = JSON.readTree(r.out());
        pack = packFindings(out.resolve("findings.jsonl"));
    }

    /** The findings of the exchange pack: its code checks, its Sigma rules and its IOC feeds (not other packs'). */
    static List<JsonNode> packFindings(Path findings) throws IOException {
        Set<String> ids = packRuleIds();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(findings, StandardCharsets.UTF_8)) {
            JsonNode f = JSON.readTree(line);
            String d = f.path("detector").asText();
            boolean mine = d.equals("exchange")
                    || d.equals("sigma") && ids.contains(f.path("rule").path("id").asText())
                    || d.equals("ioc") && f.path("details").path("feed").asText().startsWith("builtin:exchange/");
            if (mine) out.add(f);
        }
        return out;
    }

    static Set<String> packRuleIds() throws IOException {
        Path dir = Dwell.root().resolve("dwell-core/src/main/resources/dwell/builtin/exchange/sigma");
        Set<String> ids = new HashSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    ids.add(yaml.readTree(in).path("id").asText());
                }
            }
        }
        return ids;
    }

    private static String row(JsonNode f) throws IOException {
        JsonNode e = f.path("evidence");
        String time = f.path("time").asText();
        if (e.path("line").asLong() == 0 && e.path("record").asLong() == 0 && !f.path("detector").asText().equals("sigma")) {
            // file findings are dated by the file's mtime, which a checkout sets: compare with the file itself
            Path file = Dwell.root().resolve(e.path("path").asText());
            if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().toString().equals(time)) time = "mtime";
        }
        String title = f.path("rule").path("title").asText();
        return String.join("\t", time, f.path("detector").asText(), f.path("rule").path("level").asText(),
                f.path("rule").path("id").asText(), e.path("path").asText(), Long.toString(e.path("line").asLong()),
                title.length() > 90 ? title.substring(0, 90) : title);
    }

    @Test
    void exactlyTheExpectedFindings() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String l : Files.readAllLines(Dwell.root().resolve("dwell-cli/src/test/resources/exchange-pack-expected.tsv"))) {
            if (!l.startsWith("#") && !l.isBlank()) expected.add(l);
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode f : pack) actual.add(row(f));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static List<JsonNode> tagged(String tag) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : pack) {
            for (JsonNode t : f.path("rule").path("tags")) if (t.asText().equals(tag)) out.add(f);
        }
        return out;
    }

    private static boolean any(List<JsonNode> fs, String time, String pathEnd, long line) {
        for (JsonNode f : fs) {
            if (f.path("time").asText().equals(time) && f.path("evidence").path("path").asText().endsWith(pathEnd)
                    && f.path("evidence").path("line").asLong() == line) return true;
        }
        return false;
    }

    @Test
    void theFourProxyLogonCvesOfTheStory() {
        // CVE-2021-26855: the SSRF to /ecp/proxyLogon.ecp with a ServerInfo anchor, HttpProxy Ecp log
        assertTrue(any(tagged("cve.2021-26855"), "2021-03-03T01:18:03.217Z", "HttpProxy/Ecp/HttpProxy_2021030300-1.LOG", 7));
        // CVE-2021-27065: Set-OabVirtualDirectory with a script in the ECP server log and the cmdlet log
        assertTrue(any(tagged("cve.2021-27065"), "2021-03-03T01:18:15.442Z", "ECP/Server/ECPServer_2021030300-1.LOG", 7));
        assertTrue(any(tagged("cve.2021-27065"), "2021-03-03T01:18:15.901Z", "events/winlogbeat-EXCH01.ndjson", 5));
        // CVE-2021-26858: the OAB generator's temporary file in aspnet_client
        List<JsonNode> oab = tagged("cve.2021-26858");
        assertTrue(any(oab, "2021-03-03T01:45:02.613Z", "OABGeneratorLog/OABGeneratorLog_2021030301-1.LOG", 4));
        assertEquals("C:\\inetpub\\wwwroot\\aspnet_client\\discover.aspx", oab.get(0).path("indicators").get(0).path("value").asText());
        // CVE-2021-26857: the Unified Messaging InvalidCastException
        assertTrue(any(tagged("cve.2021-26857"), "2021-03-03T01:52:17Z", "events/application.json", 12));
    }

    @Test
    void theOldWebShellIsFoundBackTo2019() {
        JsonNode first = null;
        JsonNode firstRequest = null;
        for (JsonNode f : pack) {
            if (f.path("rule").path("level").asText().equals("informational")) continue;
            if (first == null) first = f;
            if (firstRequest == null && f.path("evidence").path("line").asLong() > 0) firstRequest = f;
        }
        // the shell file's modification time, kept by the triage zip, comes first; then its first request
        assertEquals("2019-04-11T09:28:52Z", first.path("time").asText());
        assertTrue(first.path("evidence").path("path").asText().endsWith("webroot-copy.zip!/inetpub/wwwroot/aspnet_client/system_web/log.aspx"));
        assertEquals("2019-04-11T09:31:05Z", firstRequest.path("time").asText());
        assertTrue(firstRequest.path("event").toString().contains("/aspnet_client/system_web/log.aspx"));
        assertTrue(firstRequest.path("event").toString().contains("203.0.113.77"));
        long chopper = pack.stream().filter(f -> f.path("rule").path("title").asText().startsWith("Web Shell Code")
                && f.path("evidence").path("path").asText().endsWith("aspnet_client/system_web/log.aspx")).count();
        assertEquals(1, chopper);
    }

    @Test
    void noneOfTheBenignLookAlikes() {
        for (JsonNode f : pack) {
            String s = f.path("event").toString();
            assertTrue(!s.contains("csc.exe"), "ASP.NET compiling: " + s);
            assertTrue(!s.contains("AMProbe") && !s.contains("HealthMailbox"), "health probe: " + s);
            assertTrue(!s.contains("ServerInfo~EXCH01.contoso.local\""), "authenticated server anchor: " + s);
            assertTrue(!s.contains("10.0.2.5"), "the administrator's own ECP work: " + s);
            assertTrue(!s.contains("WebUIValidation"), "ASP.NET client files: " + s);
            String path = f.path("evidence").path("path").asText();
            assertTrue(!path.endsWith("owa/auth/logon.aspx") && !path.endsWith("owa/auth/errorFE.aspx")
                    && !path.endsWith("themes/resources/logon.css"), "Exchange's own files: " + path);
        }
    }

    @Test
    void theSummarySaysOnlyIisCoversTheStartOfTheExposureWindow() {
        JsonNode x = summary.path("exchange");
        assertEquals("2021-01-06T00:00:00Z", x.path("exposure_start").asText());
        int checked = 0;
        for (JsonNode s : x.path("log_coverage")) {
            String series = s.path("series").asText();
            String verdict = s.path("start_coverage").asText();
            assertEquals(verdict.equals("covers"), s.path("covers_exposure_start").asBoolean(), series);
            if (series.equals("IIS/W3SVC1")) {
                // examples/README.md: W3SVC1's last gap is 2020-06-14 .. 2020-07-02, its logs end on 2021-03-09
                assertEquals("covers", verdict);
                assertEquals("2020-07-03", s.path("unbroken_from").asText());
                assertEquals("2021-03-09", s.path("unbroken_to").asText());
                assertEquals(62, s.path("days_past_start").asInt());
            } else if (series.equals("HttpProxy/RpcHttp")) {
                // four requests of the 2019 intruder on 2019-04-11, in an older build's log: nothing near 2021
                assertEquals("ends-before-start", verdict);
                assertEquals(636, s.path("days_before_start").asInt());
            } else {
                // the other Exchange logs only reach back to March 2021
                assertEquals("starts-after-start", verdict, series);
                assertTrue(s.path("first").asText().startsWith("2021-03-0"), series);
            }
            checked++;
        }
        assertEquals(10, checked);
        for (JsonNode feed : x.path("ioc_feeds")) assertEquals(0, feed.path("rejected").asInt(), feed.toString());
    }

    static List<JsonNode> all(Path findings) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(findings, StandardCharsets.UTF_8)) out.add(JSON.readTree(line));
        return out;
    }

    static Map<String, JsonNode> exposureByCve(List<JsonNode> findings) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode f : findings) {
            if (f.path("detector").asText().equals("exposure") && f.path("details").has("cve")) {
                out.put(f.path("details").path("cve").asText(), f);
            }
        }
        return out;
    }

    @Test
    void proxyLogonIsCriticalOnTheServerTheSameScanProvesWasExploitedThroughIt() throws Exception {
        List<JsonNode> findings = all(out.resolve("findings.jsonl"));
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode f : findings) byId.put(f.path("id").asText(), f);
        Map<String, JsonNode> exposure = exposureByCve(findings);
        // examples/README.md: CU18 without the March 2021 update, exploited through 26855, 27065, 26858 and 26857
        Set<String> exploited = new TreeSet<>();
        for (JsonNode f : exposure.values()) {
            // the inventory's EXCH01 is the logs' EXCH01.contoso.local: one host identity
            assertEquals("EXCH01.contoso.local", f.path("host").asText());
            // dated by EXCH01's last log event (README: the last HttpProxy event), inside the evidence
            assertEquals("2021-03-09T18:19:15.170Z", f.path("time").asText(), f.path("rule").path("id").asText());
            JsonNode d = f.path("details");
            if (!d.path("exploited_on_server").asBoolean()) {
                assertTrue(d.path("proven_by").isMissingNode());
                continue;
            }
            exploited.add(d.path("cve").asText());
            assertEquals("critical", f.path("rule").path("level").asText());
            assertTrue(f.path("rule").path("title").asText().endsWith(" - exploited on this server"));
            assertEquals("high", d.path("level_before_proof").asText()); // the inventory shows the CU, not the update
            String tag = "cve." + d.path("cve").asText().substring(4);
            assertTrue(d.path("proof_count").asInt() >= d.path("proven_by").size() && d.path("proven_by").size() > 0);
            for (JsonNode ref : d.path("proven_by")) {
                JsonNode proof = byId.get(ref.path("id").asText());
                assertTrue(proof != null, "proof " + ref + " is among the findings");
                assertTrue(proof.path("rule").path("tags").toString().contains("\"" + tag + "\""), proof.toString());
                assertTrue(List.of("high", "critical").contains(proof.path("rule").path("level").asText()));
                assertTrue(proof.path("host").asText().toLowerCase(Locale.ROOT).matches("exch01(\\..*)?"), proof.toString());
                assertTrue(pack.contains(proof), "a finding of the built-in pack: " + proof);
            }
        }
        // CVE-2021-26858 is proven by the OAB generator log, which names no server: it belongs to the host of its folder
        assertEquals(Set.of("CVE-2021-26855", "CVE-2021-26857", "CVE-2021-26858", "CVE-2021-27065"), exploited);
        // the mailbox export of the story is HAFNIUM's PST theft, not ProxyShell's web-shell drop: no proof of CVE-2021-31207
        assertFalse(exposure.get("CVE-2021-31207").path("details").has("proven_by"));
        JsonNode first = exposure.get("CVE-2021-26855").path("details");
        // the first SSRF of 104.140.114.110, in the IIS log (which names no server, so it is EXCH01's by its folder)
        assertEquals("2021-03-03T01:17:58Z", first.path("first_proof").asText());

        // the summary, the case file and the report say the same
        JsonNode server = summary.path("exposure").get(0);
        assertEquals("EXCH01.contoso.local", server.path("server").asText());
        List<String> summarised = new ArrayList<>();
        server.path("exploited").forEach(e -> summarised.add(e.path("cve").asText()));
        assertEquals(List.copyOf(exploited), summarised);
        assertEquals(exposure.size(), server.path("findings").asInt());
        Dwell.Result q = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT cve, level FROM exposure "
                + "WHERE json_extract(details, '$.exploited_on_server') = 'true' ORDER BY cve", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        List<String> cased = new ArrayList<>();
        for (JsonNode r : JSON.readTree(q.out())) {
            assertEquals("critical", r.path("level").asText());
            cased.add(r.path("cve").asText());
        }
        assertEquals(List.copyOf(exploited), cased);
        String html = Files.readString(out.resolve("report.html"));
        // one row for the server: the CVEs proven exploited on it with their proof, then every CVE it is open to
        String row = html.substring(html.indexOf("<tr><td>EXCH01.contoso.local</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("<span class=\"nw\">CVE-2021-26855 (" + first.path("proof_count").asInt() + " findings from "
                + "2021-03-03T01:17:58Z, first " + first.path("proven_by").get(0).path("id").asText() + ")</span>"), row);
        for (String cve : exposure.keySet()) assertTrue(row.contains(">" + cve + "</span>"), cve + " in " + row);
    }

    @Test
    void minLevelFiltersAfterTheExposureWasWeighed() throws Exception {
        Path dir = out.resolve("critical-only");
        Dwell.Result r = Dwell.run("scan", "examples/", "--min-level", "critical", "--no-pivot", "--no-case", "--out",
                dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> findings = all(dir.resolve("findings.jsonl"));
        for (JsonNode f : findings) assertEquals("critical", f.path("rule").path("level").asText(), f.toString());
        // the proofs are below critical or critical alike; the exposure they prove is critical and kept
        assertTrue(exposureByCve(findings).get("CVE-2021-26855").path("details").path("exploited_on_server").asBoolean());
        assertTrue(exposureByCve(findings).get("CVE-2021-26857").path("details").path("exploited_on_server").asBoolean());
    }

    @Test
    void iocTitlesNameTheIndicatorByItsDescriptionAndWhatItMatchedNeverARegex() {
        int checked = 0;
        for (JsonNode f : pack) {
            if (!f.path("detector").asText().equals("ioc")) continue;
            String title = f.path("rule").path("title").asText();
            JsonNode d = f.path("details");
            assertTrue(title.startsWith("IOC: " + d.path("comment").asText() + " ("), title);
            String matched = d.path("matched").asText();
            // the value shown is what the evidence held: the address, or the web shell's file name at the end of the path
            String shown = d.path("type").asText().equals("file-path") ? matched.substring(matched.replace('\\', '/').lastIndexOf('/') + 1) : matched;
            assertTrue(title.toLowerCase(Locale.ROOT).endsWith("(" + shown.toLowerCase(Locale.ROOT) + ")"), title + " / " + matched);
            assertFalse(title.contains("(?i)") || title.contains("[") || title.contains("\\"), title);
            assertTrue(d.path("indicator").asText().startsWith("(?i)") || d.path("type").asText().equals("ipv4"), d.toString());
            checked++;
        }
        assertEquals(44, checked);
    }

    @Test
    void noBuiltinTurnsThePackOff() throws Exception {
        Path dir = out.resolve("no-builtin");
        // a scan needs some rule: without the pack, one that matches nothing in examples/
        Path rule = Files.writeString(out.resolve("evil-request.yml"), TestRules.EVIL_REQUEST);
        Dwell.Result r = Dwell.run("scan", "examples/", "--no-builtin", "--rules", rule.toString(), "--out", dir.toString(),
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(), packFindings(dir.resolve("findings.jsonl")));
        assertTrue(JSON.readTree(r.out()).path("exchange").isMissingNode());
    }
}
