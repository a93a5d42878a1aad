package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dwell scan --iocs end to end: feeds of every kind against IIS logs and a web root. */
class IocScanIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path evidence() throws Exception {
        Path ev = tmp.resolve("evidence");
        Files.createDirectories(ev.resolve("W3SVC1"));
        Files.createDirectories(ev.resolve("wwwroot/aspnet_client"));
        Files.writeString(ev.resolve("W3SVC1/u_ex210303.log"), String.join("\r\n",
                "#Software: Microsoft Internet Information Services 10.0",
                "#Version: 1.0",
                "#Date: 2021-03-03 04:00:00",
                "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
                "2021-03-03 04:05:06 10.0.0.5 POST /ecp/y.js - 443 - 203.0.113.10 ExchangeServicesClient/0.0.0.0 - 200 0 0 31",
                "2021-03-03 04:05:07 10.0.0.5 GET /owa/auth/logon.aspx - 443 - 10.1.1.1 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 12",
                "2021-03-03 04:05:08 10.0.0.5 GET /aspnet_client/supp0rt.aspx cmd=whoami 443 - 198.51.100.3 python-requests/2.25.1 http://c2.evil.example/x 200 0 0 5",
                ""));
        // an empty file: its hashes are the well-known empty digests
        Files.writeString(ev.resolve("wwwroot/aspnet_client/errorEE.aspx"), "");
        return ev;
    }

    private Path feeds() throws Exception {
        Path f = tmp.resolve("feeds");
        Files.createDirectories(f);
        Files.writeString(f.resolve("advisory.txt"), "# AA21-062A\n203.0.113.10\nevil.example\nnot a value here\n");
        Files.writeString(f.resolve("hashes.csv"), "type,value,comment,score\n"
                + "md5,d41d8cd98f00b204e9800998ecf8427e,empty file dropped by the actor,60\n"
                + "ip-dst,999.1.1.1,bad,\n");
        Files.writeString(f.resolve("bundle.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\","
                + "\"spec_version\":\"2.1\",\"id\":\"indicator--0a0a0a0a-0000-4000-8000-000000000001\",\"pattern_type\":\"stix\","
                + "\"pattern\":\"[network-traffic:src_ref.value = '198.51.100.3' AND network-traffic:dst_port = 443]\","
                + "\"valid_from\":\"2021-01-01T00:00:00Z\",\"confidence\":75,\"name\":\"exploit source\"},"
                + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--0a0a0a0a-0000-4000-8000-000000000002\","
                + "\"pattern_type\":\"stix\",\"pattern\":\"[file:name = 'a'] FOLLOWEDBY [file:name = 'b']\",\"valid_from\":\"2021-01-01T00:00:00Z\"}]}");
        Files.writeString(f.resolve("misp.json"), "{\"Event\":{\"info\":\"HAFNIUM\",\"Attribute\":["
                + "{\"uuid\":\"a0000000-0000-4000-8000-000000000099\",\"type\":\"user-agent\",\"to_ids\":true,\"value\":\"python-requests/2.25.1\"}]}}");
        return f;
    }

    private static List<JsonNode> findings(Path out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("findings.jsonl"))) l.add(JSON.readTree(line));
        return l;
    }

    @Test
    void everyFeedKindMatchesAndIsSummarised() throws Exception {
        Path out = tmp.resolve("out");
        // --no-builtin --no-pivot: the test is about the user's feeds alone, not the packs' or the pivot's findings
        Dwell.Result r = Dwell.run("scan", evidence().toString(), "--iocs", feeds().toString(),
                "--iocs", Dwell.corpus("signature-base/iocs").toString(), "--no-builtin", "--no-pivot", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> fs = findings(out);
        assertTrue(fs.stream().allMatch(f -> f.get("detector").asText().equals("ioc")));
        List<String> rules = fs.stream().map(f -> f.path("rule").path("id").asText()).sorted().toList();
        assertEquals(List.of("a0000000-0000-4000-8000-000000000099", "advisory.txt:2", "advisory.txt:3", "hashes.csv:2",
                "indicator--0a0a0a0a-0000-4000-8000-000000000001"), rules, fs.toString());
        JsonNode ip = fs.stream().filter(f -> f.path("rule").path("id").asText().equals("advisory.txt:2")).findFirst().orElseThrow();
        assertEquals("c-ip", ip.path("details").path("field").asText());
        assertEquals(5, ip.path("evidence").path("line").asInt());
        assertEquals("iis-w3c", ip.path("evidence").path("format").asText());
        assertEquals("203.0.113.10", ip.path("indicators").get(0).path("value").asText());
        JsonNode file = fs.stream().filter(f -> f.path("rule").path("id").asText().equals("hashes.csv:2")).findFirst().orElseThrow();
        assertTrue(file.path("evidence").path("path").asText().endsWith("errorEE.aspx"));
        assertEquals("medium", file.path("rule").path("level").asText(), "score 60");
        assertEquals("file-md5", file.path("details").path("field").asText());
        JsonNode stix = fs.stream().filter(f -> f.path("rule").path("id").asText().startsWith("indicator--")).findFirst().orElseThrow();
        assertEquals("high", stix.path("rule").path("level").asText(), "confidence 75");
        assertEquals("c-ip", stix.path("details").path("field").asText());

        JsonNode iocs = JSON.readTree(out.resolve("summary.json").toFile()).path("iocs");
        assertEquals(8, iocs.path("feeds").size(), iocs.toString());
        JsonNode advisory = feed(iocs, "advisory.txt");
        assertEquals(2, advisory.path("loaded").asInt());
        assertEquals(1, advisory.path("rejected").asInt());
        assertEquals(2, advisory.path("seen").asInt());
        assertTrue(advisory.path("rejections").get(0).path("reason").asText().contains("cannot infer"));
        assertEquals("line 4", advisory.path("rejections").get(0).path("where").asText());
        JsonNode bundle = feed(iocs, "bundle.json");
        assertEquals("stix", bundle.path("kind").asText());
        assertEquals("indicator--0a0a0a0a-0000-4000-8000-000000000002", bundle.path("rejections").get(0).path("where").asText());
        assertTrue(bundle.path("rejections").get(0).path("reason").asText().contains("FOLLOWEDBY"));
        assertEquals(3224, feed(iocs, "hash-iocs.txt").path("loaded").asInt());
        assertTrue(r.out().contains("IOC feeds:"), r.out());
        assertTrue(r.out().contains("advisory.txt (plain): 2 loaded, 1 rejected, 2 seen"), r.out());
        assertTrue(r.out().contains("rejected line 4: cannot infer"), r.out());
    }

    private static JsonNode feed(JsonNode iocs, String name) {
        for (JsonNode f : iocs.path("feeds")) {
            if (f.path("feed").asText().endsWith(name)) return f;
        }
        throw new AssertionError("no feed " + name + " in " + iocs);
    }

    @Test
    void missingFeedIsAUsageError() throws Exception {
        Dwell.Result r = Dwell.run("scan", evidence().toString(), "--iocs", tmp.resolve("nope.txt").toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.txt"), r.err());
    }

    @Test
    void fieldPlacementCanBeReplaced() throws Exception {
        Path fields = tmp.resolve("fields.yaml");
        Files.writeString(fields, "roles:\n  destination-address: [s-ip]\ntypes:\n  ipv4: {roles: [destination-address], raw-fallback: false}\n");
        Path feed = tmp.resolve("ips.txt");
        Files.writeString(feed, "203.0.113.10\n10.0.0.5\n");
        Path out = tmp.resolve("out");
        Dwell.Result r = Dwell.run("scan", evidence().toString(), "--iocs", feed.toString(), "--ioc-fields", fields.toString(),
                "--no-builtin", "--no-pivot", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> fs = findings(out);
        assertEquals(3, fs.size(), "10.0.0.5 is s-ip of all three requests; the client 203.0.113.10 is not looked at");
        assertTrue(fs.stream().allMatch(f -> f.path("details").path("field").asText().equals("s-ip")));
        Dwell.Result bad = Dwell.run("scan", evidence().toString(), "--iocs", feed.toString(), "--ioc-fields",
                tmp.resolve("missing.yaml").toString(), "--out", out.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--ioc-fields"), bad.err());
    }
}
