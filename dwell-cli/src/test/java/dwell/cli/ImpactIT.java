package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./dwell scan` on generated Exchange evidence ({@link ImpactEvidence}): the actor's incident lists exactly the
 * mailboxes it read and the acts it did, nothing of the backup job, the delegate, the users or the administrator;
 * the case file, the affected-mailbox CSV and the console say the same.
 */
class ImpactIT {
    @TempDir
    static Path tmp;
    static ImpactEvidence evidence;
    static Path out;
    static Dwell.Result scan;
    static JsonNode incident;
    static Map<String, JsonNode> findings = new TreeMap<>();

    @BeforeAll
    static void scan() throws Exception {
        evidence = new ImpactEvidence().write(tmp.resolve("evidence"));
        out = tmp.resolve("out");
        scan = Dwell.run("scan", tmp.resolve("evidence").toString(), "--out", out.toString());
        assertEquals(0, scan.exit(), scan.err());
        for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
            JsonNode f = Json.MAPPER.readTree(l);
            findings.put(f.get("id").asText(), f);
        }
        List<JsonNode> actor = new ArrayList<>();
        for (JsonNode i : Json.MAPPER.readTree(out.resolve("incidents.json").toFile()).get("incidents")) {
            if (i.get("indicators").toString().contains(ImpactEvidence.ACTOR)) actor.add(i);
        }
        assertEquals(1, actor.size(), actor.toString());
        incident = actor.get(0);
    }

    @Test
    void theImpactIsExactlyTheActors() throws Exception {
        JsonNode impact = incident.get("impact");
        JsonNode expected = Json.MAPPER.readTree(evidence.expected.toString());  // numbers as a parser reads them
        for (String list : List.of("mailboxes", "forwarding", "exports", "permissions", "address_book", "staged")) {
            assertEquals(expected.get(list), impact.get(list), list);
        }
        Map<String, Long> bytes = new TreeMap<>();
        impact.get("bytes_to_actor").fields().forEachRemaining(e -> bytes.put(e.getKey(), e.getValue().asLong()));
        assertEquals(evidence.actorBytes, bytes);
    }

    @Test
    void actsAreFindingsOfTheIncidentAndRequestEchoesAreSummarised() {
        Map<String, Integer> acts = new TreeMap<>();
        for (JsonNode id : incident.get("findings")) {
            JsonNode f = findings.get(id.asText());
            String title = f.get("rule").get("title").asText();
            if (f.get("detector").asText().equals("exchange") && title.contains("Incident's Actor")) {
                acts.merge(title.substring(0, title.indexOf(" (")), 1, Integer::sum);
                assertTrue(f.get("rule").get("tags").toString().matches(".*attack\\.t(1114\\.002|1114\\.003|1098\\.002|1087\\.003).*"), f.toString());
            }
        }
        assertEquals(Map.of("Mailbox Read by an Incident's Actor", evidence.expected.get("mailboxes").size(),
                "Mail Forwarding Set Up by an Incident's Actor", 1, "Mailbox Exported by an Incident's Actor", 1,
                "Mailbox Access Granted by an Incident's Actor", 1, "Address Book Taken by an Incident's Actor", 1), acts);
        // a pivot finding per read request was the noise: only those the incident's story shows remain
        long echoes = findings.values().stream().filter(f -> f.get("detector").asText().equals("pivot")
                && f.get("details").path("strength").asText().equals("strong")
                && f.get("evidence").get("path").asText().contains("HttpProxy") && !f.get("evidence").get("path").asText().contains("/Oab/")
                && f.get("event").path("AnchorMailbox").asText().matches("(?i)(smtp|sid)~.*")
                && f.get("event").path("HttpStatus").asText().equals("200")).count();
        // the actor's five act events: three ECP cmdlets that are acts, the address book in IIS and in HttpProxy
        long actEchoes = findings.values().stream().filter(f -> f.get("detector").asText().equals("pivot")
                && f.get("event").toString().matches("(?is).*(New-InboxRule|New-MailboxExportRequest|'ApplicationImpersonation'|oab\\.xml).*")).count();
        long summarised = incident.get("impact").get("summarised_findings").asLong();
        assertTrue(summarised > 0);
        // every read and act is summarised, or shown in the story (a read from the actor's new address was a lead
        // on its tooling's user agent, and is summarised all the same)
        assertEquals(evidence.actorReadRequests + 5, summarised + echoes + actEchoes);
        assertTrue(echoes <= incident.get("story").size(), echoes + " echoes");
        // nor does an act (the address-book download, the ECP cmdlets) come twice, as its finding and as an echo
        java.util.Set<String> actAt = new java.util.HashSet<>();
        java.util.Set<String> storied = new java.util.HashSet<>();
        incident.get("story").forEach(st -> storied.add(st.get("finding").asText()));
        for (JsonNode id : incident.get("findings")) {
            JsonNode f = findings.get(id.asText());
            if (f.get("detector").asText().equals("exchange")) actAt.add(position(f));
        }
        List<String> twice = findings.values().stream().filter(f -> f.get("detector").asText().equals("pivot")
                && actAt.contains(position(f)) && !storied.contains(f.get("id").asText())).map(JsonNode::toString).toList();
        assertEquals(List.of(), twice);
    }

    private static String position(JsonNode f) {
        JsonNode e = f.get("evidence");
        return e.get("path").asText() + "|" + e.path("line").asLong() + "|" + e.path("record").asLong();
    }

    @Test
    void consoleCaseFileAndTheAffectedMailboxCsv() throws Exception {
        int n = evidence.expected.get("mailboxes").size();
        assertTrue(scan.out().contains(" - read " + n + " mailboxes, 1 forwarding rule, exported 1 mailbox, granted 1 mailbox permission, "
                + "took the address book, staged 1 file"), scan.out());
        Path db = out.resolve("case.duckdb");
        Dwell.Result q = Dwell.run("query", db.toString(), "SELECT kind, count(*) AS n FROM impact GROUP BY kind ORDER BY kind", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        assertEquals("[{\"kind\":\"address_book\",\"n\":1},{\"kind\":\"bytes_to_actor\",\"n\":" + evidence.actorBytes.size() + "},"
                + "{\"kind\":\"export\",\"n\":1},{\"kind\":\"forwarding\",\"n\":1},"
                + "{\"kind\":\"mailbox\",\"n\":" + n + "},{\"kind\":\"permission\",\"n\":1},{\"kind\":\"staged\",\"n\":1}]",
                Json.MAPPER.readTree(q.out()).toString());
        // the estimate of bytes sent to the actor per protocol, as the case holds it
        q = Dwell.run("query", db.toString(), "SELECT protocols, bytes FROM impact WHERE kind = 'bytes_to_actor' ORDER BY protocols",
                "--format", "json");
        Map<String, Long> bytes = new TreeMap<>();
        Json.MAPPER.readTree(q.out()).forEach(r -> bytes.put(r.get("protocols").asText(), r.get("bytes").asLong()));
        assertEquals(evidence.actorBytes, bytes);
        Path csv = tmp.resolve("affected.csv");
        Dwell.Result r = Dwell.run("report", db.toString(), "--format", "csv", "--impact", "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("incident,mailbox,protocols,first_access,last_access,requests,bytes,forwarded_to,exported_to,access_granted_to", rows.get(0));
        // one row per mailbox the actor read, plus the permission's "every mailbox"
        assertEquals(n + 2, rows.size(), String.join("\n", rows));
        String id = incident.get("id").asText();
        for (JsonNode m : evidence.expected.get("mailboxes")) {
            List<String> protocols = new ArrayList<>();
            m.get("protocols").forEach(p -> protocols.add(p.asText()));
            String cells = String.join(",", id, m.get("mailbox").asText(), '"' + String.join(", ", protocols) + '"',
                    m.get("first").asText(), m.get("last").asText(), m.get("requests").asText(), m.get("bytes").asText());
            String want = protocols.size() == 1 ? cells.replace("\"", "") : cells;
            assertTrue(rows.stream().anyMatch(l -> l.startsWith(want + ",")), want + " in\n" + String.join("\n", rows));
        }
        assertTrue(rows.stream().anyMatch(l -> l.startsWith(id + ",cfo@contoso.local,") && l.contains("drop@relay.example")));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith(id + ",ceo@contoso.local,") && l.contains("ceo.pst")));
        assertTrue(rows.stream().anyMatch(l -> l.equals(id + ",*,,,,,,,,svc-backup (ApplicationImpersonation)")), String.join("\n", rows));
        assertEquals(2, Dwell.run("report", db.toString(), "--format", "html", "--impact").exit());
        assertTrue(Files.readString(out.resolve("report.html")).contains("minister.office@contoso.local"));
    }
}
