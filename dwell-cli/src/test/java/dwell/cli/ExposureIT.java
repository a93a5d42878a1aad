package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposureIT {
    static JsonNode server(JsonNode root, String name) {
        for (JsonNode s : root.get("servers")) {
            if (s.get("name").asText().equals(name)) return s;
        }
        throw new AssertionError("no server " + name + " in " + root);
    }

    static List<String> cves(JsonNode server) {
        List<String> out = new ArrayList<>();
        server.get("vulnerabilities").forEach(v -> out.add(v.get("cve").asText()));
        return out;
    }

    @Test
    void buildsAsJsonFollowTheContract() throws Exception {
        Dwell.Result r = Dwell.run("exposure", "--build", "EXCH01=15.01.2106.002", "--build", "15.2.2562.46",
                "--as-of", "2026-09-01", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        JsonNode ex = server(root, "EXCH01");
        for (String f : List.of("name", "build", "product", "cu", "su", "certainty", "status", "vulnerabilities", "action")) {
            assertTrue(ex.has(f), "missing " + f);
        }
        assertEquals("15.1.2106.2", ex.get("build").asText());
        assertEquals("Exchange 2016", ex.get("product").asText());
        assertEquals("CU18", ex.get("cu").asText());
        assertTrue(ex.get("su").isNull());
        assertEquals("exact", ex.get("certainty").asText());
        assertEquals("vulnerable", ex.get("status").asText());
        JsonNode pl = null;
        for (JsonNode v : ex.get("vulnerabilities")) {
            if (v.get("cve").asText().equals("CVE-2021-26855")) pl = v;
        }
        assertTrue(pl != null, "ProxyLogon missing");
        assertTrue(pl.get("exploited_in_wild").asBoolean());
        assertEquals("2021-01-06", pl.get("exploited_since").asText());
        assertTrue(pl.get("fixed_in").toString().contains("15.1.2106.13"), pl.toString());
        assertTrue(pl.has("name"));
        assertTrue(ex.get("action").asText().startsWith("upgrade to Exchange 2016 CU23"), ex.get("action").asText());

        JsonNode se = server(root, "15.2.2562.46");
        assertEquals("patched", se.get("status").asText());
        assertEquals("Aug26SU", se.get("su").asText());
        assertEquals(0, se.get("vulnerabilities").size());
    }

    @Test
    void inventoryGivesCuOnlyAndNeverPatched(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("servers.csv");
        Files.writeString(csv, "#TYPE Microsoft.Exchange.Data.Directory.Management.ExchangeServer\n"
                + "\"Name\",\"Edition\",\"AdminDisplayVersion\",\"ServerRole\"\n"
                + "\"EXCH01\",\"Standard\",\"Version 15.1 (Build 2106.2)\",\"Mailbox\"\n"
                + "\"EXCH02\",\"Enterprise\",\"Version 15.2 (Build 2562.17)\",\"Mailbox\"\n"
                + "\"OLD\",\"Standard\",\"Version 14.3 (Build 123.4)\",\"Mailbox, ClientAccess\"\n", StandardCharsets.UTF_8);
        Dwell.Result r = Dwell.run("exposure", "--inventory", csv.toString(), "--as-of", "2026-09-01", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        JsonNode e1 = server(root, "EXCH01");
        assertEquals("cu-only", e1.get("certainty").asText());
        assertEquals("vulnerable", e1.get("status").asText()); // CU18 never received Apr21SU
        JsonNode e2 = server(root, "EXCH02");
        assertEquals("at-risk", e2.get("status").asText());
        assertTrue(e2.get("action").asText().contains("unless "), e2.get("action").asText());
        assertEquals("Enterprise", e2.get("attributes").get("edition").asText());
        assertEquals("unsupported", server(root, "OLD").get("status").asText());
    }

    @Test
    void probeReadsTheBuildOfALoopbackServer() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        http.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            ex.getResponseHeaders().add("X-OWA-Version", "15.2.1118.7");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        try {
            Dwell.Result r = Dwell.run("exposure", "--probe", "http://127.0.0.1:" + http.getAddress().getPort() + "/owa/",
                    "--timeout", "30", "--as-of", "2026-09-01", "--format", "json");
            assertEquals(0, r.exit(), r.err());
            JsonNode s = server(Json.MAPPER.readTree(r.out()), "127.0.0.1");
            assertEquals("15.2.1118.7", s.get("build").asText());
            assertEquals("remote-exact", s.get("certainty").asText());
            assertEquals("CU12", s.get("cu").asText());
            assertEquals("vulnerable", s.get("status").asText());
            assertTrue(cves(s).contains("CVE-2022-41040"), cves(s).toString());
            assertEquals(List.of("GET /owa/"), seen);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void tableNamesEveryServerAndItsAction() throws Exception {
        Dwell.Result r = Dwell.run("exposure", "--build", "EXCH01=15.1.2106.2", "--as-of", "2026-09-01");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("SERVER"), r.out());
        assertTrue(r.out().contains("EXCH01: vulnerable"), r.out());
        assertTrue(r.out().contains("  action: upgrade to Exchange 2016 CU23"), r.out());
        assertTrue(r.out().contains("CVE-2021-26855"), r.out());
    }

    @Test
    void badInputsExitTwoNamingTheProblem(@TempDir Path dir) throws Exception {
        Dwell.Result bad = Dwell.run("exposure", "--build", "fifteen");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("fifteen"), bad.err());
        Dwell.Result missing = Dwell.run("exposure", "--inventory", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
        Path notInventory = dir.resolve("other.csv");
        Files.writeString(notInventory, "a,b\n1,2\n");
        Dwell.Result wrong = Dwell.run("exposure", "--inventory", notInventory.toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("AdminDisplayVersion"), wrong.err());
        Dwell.Result none = Dwell.run("exposure");
        assertEquals(2, none.exit());
        Dwell.Result ftp = Dwell.run("exposure", "--probe", "ftp://mail.example.org");
        assertEquals(2, ftp.exit());
    }
}
