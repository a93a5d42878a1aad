package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.testkit.OasisStixSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./dwell scan examples/` end to end: the incident dated back to 2019, the case file, the reports. */
class PivotCaseIT {
    @TempDir
    static Path tmp;
    static Path out;
    static Dwell.Result scan;

    @BeforeAll
    static void scanExamples() throws Exception {
        out = tmp.resolve("out");
        scan = Dwell.run("scan", "examples/", "--out", out.toString());
        assertEquals(0, scan.exit(), scan.err());
    }

    @Test
    void theOldIntrusionIsOneIncidentDatedBackTo2019() throws Exception {
        assertTrue(scan.out().startsWith("Incident 1 - first trace 2019-04-11 09:12:44Z, last 2021-03-08 22:40:03Z (697 days)"),
                scan.out());
        JsonNode inc = Json.MAPPER.readTree(out.resolve("incidents.json").toFile()).get("incidents").get(0);
        assertEquals("INC-1", inc.get("id").asText());
        assertEquals("2019-04-11T09:12:44Z", inc.get("first").asText());
        assertEquals(697, inc.get("dwell_days").asLong());
        String indicators = inc.get("indicators").toString();
        for (String v : List.of("203.0.113.77", "198.51.100.23", "/aspnet_client/system_web/log.aspx")) {
            assertTrue(indicators.contains(v), v + " in " + indicators);
        }
        assertFalse(indicators.contains("104.140.114.110"), "the 2021 ProxyLogon actor is another incident");
        // the story starts at the first trace, the probe that the pivot found through the shell's addresses
        JsonNode first = inc.get("story").get(0);
        assertEquals("2019-04-11T09:12:44Z", first.get("time").asText());
        assertTrue(first.get("summary").asText().startsWith("same c-ip 203.0.113.77 as finding "), first.toString());
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("pivot").get("rounds").size() >= 1);
    }

    @Test
    void threeActorsThreeIncidentsEachWithItsCausesAndNothingDropped() throws Exception {
        JsonNode root = Json.MAPPER.readTree(out.resolve("incidents.json").toFile());
        JsonNode incidents = root.get("incidents");
        // examples/README.md: the 2019 China Chopper intruder, the March 2021 ProxyLogon wave, the mass scanner
        assertEquals(3, incidents.size(), incidents.toString());
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
            JsonNode f = Json.MAPPER.readTree(l);
            byId.put(f.get("id").asText(), f);
            assertFalse(f.get("host").isNull(), "every finding has a host: " + l);
        }
        java.util.function.BiFunction<Integer, String, Boolean> holds = (n, title) -> {
            for (JsonNode id : incidents.get(n).get("findings")) {
                if (byId.get(id.asText()).get("rule").get("title").asText().startsWith(title)) return true;
            }
            return false;
        };
        // the shell the ProxyLogon worker process started one second after the POST, and the second-round web shell
        assertTrue(holds.apply(1, "Exchange Web or UM Worker Process Starts a Shell"));
        assertTrue(holds.apply(1, "OAB Generator Wrote a Download Outside"));
        assertTrue(holds.apply(1, "Web Shell Code in a Server Page"));
        // the mailbox export the old intruder's worker process ran, and its 2021-03-04 shell
        assertTrue(holds.apply(0, "Mailbox Export Request Written to a Web Folder"));
        assertTrue(holds.apply(0, "Exchange Web or UM Worker Process Starts a Shell"));
        assertTrue(incidents.get(2).get("indicators").toString().contains("203.0.113.9"));
        for (JsonNode i : incidents) {
            assertFalse(i.get("summary").asText().isBlank(), i.toString());
            for (JsonNode h : i.get("hosts")) assertTrue(h.asText().endsWith(".contoso.local"), i.get("hosts").toString());
        }
        // the Unified Messaging exception links to no actor: listed, not dropped
        JsonNode unattributed = root.get("unattributed");
        assertEquals(1, unattributed.size(), unattributed.toString());
        assertTrue(byId.get(unattributed.get(0).asText()).get("rule").get("title").asText().startsWith("Unified Messaging"));
    }

    @Test
    void theOldIntrudersExportIsItsImpactAndNoIncidentReadAMailbox() throws Exception {
        // examples/README.md: the 2019 intruder's worker process exported j.smith's mailbox into aspnet_client at 03:44:03,
        // and 198.51.100.23 fetched it at 03:49:30; no actor's address reads a mailbox through EWS, MAPI, OWA or ActiveSync
        JsonNode incidents = Json.MAPPER.readTree(out.resolve("incidents.json").toFile()).get("incidents");
        JsonNode impact = incidents.get(0).get("impact");
        String pst = "\\\\127.0.0.1\\c$\\inetpub\\wwwroot\\aspnet_client\\j.smith.pst";
        JsonNode export = impact.get("exports").get(0);
        assertEquals(1, impact.get("exports").size(), impact.toString());
        assertEquals(List.of("j.smith@contoso.local", pst, "2021-03-03T03:44:03Z"),
                List.of(export.get("mailbox").asText(), export.get("path").asText(), export.get("time").asText()));
        JsonNode staged = impact.get("staged").get(0);
        assertEquals(1, impact.get("staged").size(), impact.toString());
        assertEquals(List.of(pst, "2021-03-03T03:44:03Z", "export", "2021-03-03T03:49:30Z"), List.of(staged.get("path").asText(),
                staged.get("time").asText(), staged.get("how").asText(), staged.get("downloaded").asText()));
        for (JsonNode i : incidents) {
            for (String list : List.of("mailboxes", "forwarding", "permissions", "address_book")) {
                assertEquals(0, i.get("impact").get(list).size(), i.get("id") + " " + list);
            }
        }
        assertTrue(scan.out().contains("web shell /aspnet_client/system_web/log.aspx - exported 1 mailbox, staged 1 file\n"), scan.out());
    }

    @Test
    void caseFileIsQueryableAndARepeatedScanAddsARunWithoutDuplicates() throws Exception {
        Path db = out.resolve("case.duckdb");
        assertTrue(Files.size(db) > 0);
        // checkpointed beside the report, closed in one file: the copy below carries the whole run
        assertFalse(Files.exists(out.resolve("case.duckdb.wal")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Content-Security-Policy"));
        long lines = Files.readAllLines(out.resolve("findings.jsonl")).size();
        Path again = tmp.resolve("again");
        Files.createDirectories(again);
        Files.copy(db, again.resolve("case.duckdb"));
        assertEquals(0, Dwell.run("scan", "examples/", "--out", again.toString()).exit());
        Dwell.Result q = Dwell.run("query", again.resolve("case.duckdb").toString(),
                "SELECT (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM runs) AS runs", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        JsonNode row = Json.MAPPER.readTree(q.out()).get(0);
        assertEquals(lines, row.get("findings").asLong());
        assertEquals(2, row.get("runs").asLong());
        assertEquals(2, Dwell.run("query", again.resolve("case.duckdb").toString(), "SELECT * FROM nope").exit());
    }

    @Test
    void stixAndTimesketchExports() throws Exception {
        Path stix = tmp.resolve("bundle.json");
        Dwell.Result r = Dwell.run("report", out.resolve("case.duckdb").toString(), "--format", "stix", "--out", stix.toString(),
                "--org", "CERT Example", "--tlp", "green");
        assertEquals(0, r.exit(), r.err());
        JsonNode bundle = Json.MAPPER.readTree(stix.toFile());
        assertEquals("bundle", bundle.get("type").asText());
        String objects = bundle.get("objects").toString();
        assertTrue(objects.contains("[ipv4-addr:value = '203.0.113.77']"), "indicator pattern");
        // nothing built-in, the server's own, Exchange's own or of the analyst's machine is shared as malicious
        for (String never : List.of("NT AUTHORITY", "EXCH01$", "ServerInfo~", "SystemMailbox", "logon.css", "examples/",
                "10.0.0.21", "user-agent")) {
            assertFalse(objects.toLowerCase().contains(never.toLowerCase()), never + " in " + objects);
        }
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals("indicator")) assertTrue(o.get("confidence").asInt() >= 50, o.toString());
        }
        assertTrue(objects.contains("\"type\":\"sighting\""));
        assertTrue(objects.contains("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"), "TLP:GREEN");
        assertTrue(bundle.get("id").asText().startsWith("bundle--"));
        // the whole export against the OASIS STIX 2.1 JSON schemas, each object against the schema of its type
        List<String> errors = OasisStixSchemas.load().validateBundle(bundle);
        assertTrue(errors.isEmpty(), errors.size() + " schema findings:\n" + String.join("\n", errors));
        for (JsonNode o : bundle.get("objects")) {
            String type = o.get("type").asText();
            assertTrue(o.get("id").asText().matches(type + "--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    o.get("id").asText());
            assertEquals("2.1", o.get("spec_version").asText(), o.toString());
            // the properties STIX 2.1 requires of each object type (sections 4, 5 and 7), timestamps as RFC 3339 UTC
            List<String> required = switch (type) {
                case "identity" -> List.of("created", "modified", "name");
                case "indicator" -> List.of("created", "modified", "pattern", "pattern_type", "valid_from");
                case "sighting" -> List.of("created", "modified", "sighting_of_ref");
                case "marking-definition" -> List.of("created", "definition_type", "definition");
                default -> throw new AssertionError("unexpected object type " + type);
            };
            for (String p : required) assertTrue(o.hasNonNull(p), type + " lacks " + p);
            for (String t : List.of("created", "modified", "valid_from", "first_seen", "last_seen")) {
                if (o.has(t)) assertTrue(o.get(t).asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), t + ": " + o);
            }
            // every pattern parses with dwell's own STIX pattern parser (the IOC engine's)
            if (type.equals("indicator")) dwell.ioc.stix.StixParser.parse(o.get("pattern").asText());
        }
        Path csv = tmp.resolve("timeline.csv");
        assertEquals(0, Dwell.run("report", out.resolve("case.duckdb").toString(), "--format", "csv", "--out", csv.toString()).exit());
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).startsWith("message,datetime,timestamp_desc,"));
        assertEquals(Files.readAllLines(out.resolve("findings.jsonl")).size() + 1, rows.size());
        assertEquals(2, Dwell.run("report", out.resolve("case.duckdb").toString(), "--format", "stix", "--tlp", "purple").exit());
    }
}
