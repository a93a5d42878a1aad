package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End to end: `./dwell inventory` on examples/ against the generator's own account of what it wrote. */
class InventoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TOP_KEYS = List.of("items", "formats", "total_events", "first", "last", "gaps");
    static final List<String> ITEM_KEYS = List.of("path", "sha256", "size", "format", "events", "first", "last",
            "errors", "error");
    static final List<String> FORMAT_KEYS = List.of("items", "events", "first", "last");
    static final List<String> GAP_KEYS = List.of("series", "from", "to");

    private static JsonNode examples;

    /** The inventory of examples/, taken once for the tests that only read it. */
    static synchronized JsonNode examples() throws Exception {
        if (examples == null) examples = inventory("examples/");
        return examples;
    }

    static JsonNode inventory(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("inventory"));
        all.addAll(List.of(args));
        all.add("--format");
        all.add("json");
        Dwell.Result r = Dwell.run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    static Map<String, JsonNode> byPath(JsonNode items) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode i : items) m.put(i.get("path").asText(), i);
        return m;
    }

    private static JsonNode expected() throws IOException {
        return JSON.readTree(Dwell.root().resolve("dwell-cli/src/test/resources/examples-expected.json").toFile());
    }

    @Test
    void jsonHasExactlyTheShapeOfTheContract() throws Exception {
        JsonNode inv = examples();
        assertEquals(TOP_KEYS, keys(inv));
        assertTrue(inv.get("items").size() > 0);
        for (JsonNode i : inv.get("items")) assertEquals(ITEM_KEYS, keys(i), i.toString());
        for (Iterator<JsonNode> it = inv.get("formats").elements(); it.hasNext(); ) {
            assertEquals(FORMAT_KEYS, keys(it.next()));
        }
        for (JsonNode g : inv.get("gaps")) assertEquals(GAP_KEYS, keys(g));
        assertTrue(inv.get("total_events").isIntegralNumber());
    }

    @Test
    void examplesInventoryIsExactlyWhatTheGeneratorWrote() throws Exception {
        JsonNode inv = examples();
        JsonNode want = expected();
        Map<String, JsonNode> got = byPath(inv.get("items"));
        Map<String, JsonNode> exp = byPath(want.get("items"));
        assertEquals(new ArrayList<>(exp.keySet()), new ArrayList<>(got.keySet()), "the same items, sorted by path");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : exp.entrySet()) {
            JsonNode g = got.get(e.getKey());
            for (String k : List.of("sha256", "size", "format", "events", "first", "last")) {
                JsonNode w = e.getValue().get(k);
                // examples/README.md is hand-written: the generator lists it with null hash and size
                if (w.isNull() && (k.equals("sha256") || k.equals("size"))) continue;
                if (!w.equals(g.get(k))) wrong.add(e.getKey() + " " + k + ": want " + w + ", got " + g.get(k));
            }
            if (g.get("errors").asLong() != 0 || !g.get("error").isNull()) wrong.add(e.getKey() + " has errors: " + g);
        }
        assertEquals(List.of(), wrong);
        assertEquals(want.get("formats"), inv.get("formats"));
        assertEquals(want.get("total_events"), inv.get("total_events"));
        assertEquals(want.get("first"), inv.get("first"));
        assertEquals(want.get("last"), inv.get("last"));
        assertEquals(want.get("gaps"), inv.get("gaps"));
    }

    @Test
    void examplesFiguresStatedInTheReadme() throws Exception {
        // the figures examples/README.md promises its readers, independent of the generator's file
        JsonNode inv = examples();
        assertEquals(800, inv.get("items").size());
        assertEquals(3371, inv.get("total_events").asLong());
        assertEquals("2019-03-01T10:41:41Z", inv.get("first").asText());
        assertEquals("2021-03-09T18:20:41Z", inv.get("last").asText());
        JsonNode f = inv.get("formats");
        assertEquals(707, f.get("iis-w3c").get("items").asLong());
        assertEquals(3056, f.get("iis-w3c").get("events").asLong());
        assertEquals(150, f.get("exchange-httpproxy").get("events").asLong());
        assertEquals(24, f.get("exchange-ecp").get("events").asLong());
        assertEquals(28, f.get("exchange-oab").get("events").asLong());
        assertEquals(60, f.get("exchange-msgtrk").get("events").asLong());
        assertEquals(29, f.get("json").get("events").asLong());
        assertEquals(1, f.get("csv").get("events").asLong());
        assertEquals(16, f.get("access-combined").get("events").asLong());
        assertEquals(7, f.get("syslog").get("events").asLong());
        String w3svc1 = "examples/EXCH01/inetpub/logs/LogFiles/W3SVC1";
        assertEquals(JSON.readTree("[{\"series\":\"" + w3svc1 + "\",\"from\":\"2019-08-05\",\"to\":\"2019-08-18\"},"
                + "{\"series\":\"" + w3svc1 + "\",\"from\":\"2020-06-14\",\"to\":\"2020-07-02\"}]"), inv.get("gaps"));
        Map<String, JsonNode> items = byPath(inv.get("items"));
        JsonNode member = items.get(w3svc1 + "/old-logs.zip!/u_ex190411.log");
        assertEquals("iis-w3c", member.get("format").asText());
        assertTrue(member.get("first").asText().startsWith("2019-04-11T"), member.toString());
        assertEquals("zip", items.get(w3svc1 + "/old-logs.zip").get("format").asText());
    }

    @Test
    void generatorReproducesTheCommittedExamples(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("examples");
        Path exp = tmp.resolve("expected.json");
        Process p = new ProcessBuilder("/usr/bin/python3", "tools/generate-examples.py", "--out", out.toString(),
                "--expected", exp.toString()).directory(Dwell.root().toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        Path committed = Dwell.root().resolve("examples");
        List<String> differ = new ArrayList<>();
        List<Path> generated;
        try (var s = Files.walk(out)) {
            generated = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path g : generated) {
            Path rel = out.relativize(g);
            Path c = committed.resolve(rel.toString());
            if (!Files.exists(c)) {
                differ.add("not committed: " + rel);
            } else if (rel.toString().endsWith(".zip")) {
                // zlib versions may deflate differently: compare what the archive holds
                if (!ZipContent.of(g).equals(ZipContent.of(c))) differ.add("zip content differs: " + rel);
            } else if (Files.mismatch(g, c) >= 0) {
                differ.add("differs: " + rel);
            }
        }
        try (var s = Files.walk(committed)) {
            for (Path c : s.filter(Files::isRegularFile).toList()) {
                Path rel = committed.relativize(c);
                if (!rel.toString().equals("README.md") && !Files.exists(out.resolve(rel.toString()))) {
                    differ.add("not generated: " + rel);
                }
            }
        }
        assertEquals(List.of(), differ);
        JsonNode regenerated = JSON.readTree(exp.toFile());
        JsonNode mine = expected();
        // the zip's own hash depends on the local zlib; every other figure must match
        assertEquals(strip(mine), strip(regenerated));
    }

    private static JsonNode strip(JsonNode expected) {
        JsonNode copy = expected.deepCopy();
        for (JsonNode i : copy.get("items")) {
            if (i.get("path").asText().endsWith(".zip")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) i).remove(List.of("sha256", "size"));
            }
        }
        return copy;
    }

    @Test
    void missingPathIsAnInputErrorNamingThePath() throws Exception {
        Dwell.Result r = Dwell.run("inventory", "examples/", "no/such/evidence.zip");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no/such/evidence.zip"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void tableListsItemsTotalsGapsAndProblems() throws Exception {
        Dwell.Result r = Dwell.run("inventory", "examples/EXCH01/inetpub", "examples/rp01");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("PATH +FORMAT +EVENTS +FIRST +LAST +ERRORS +SHA256"), lines.get(0));
        assertTrue(r.out().contains("examples/EXCH01/inetpub/logs/LogFiles/W3SVC1/old-logs.zip!/u_ex190411.log"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("iis-w3c +707 +3056 +2019-03-01T10:41:41Z +2021-03-09T18:20:41Z")),
                r.out());
        assertTrue(lines.contains("Total events: 3079, from 2019-03-01T10:41:41Z to 2021-03-09T18:20:41Z"), r.out());
        assertTrue(lines.contains("  examples/EXCH01/inetpub/logs/LogFiles/W3SVC1: 2019-08-05 .. 2019-08-18"), r.out());
        assertTrue(lines.contains("  examples/EXCH01/inetpub/logs/LogFiles/W3SVC1: 2020-06-14 .. 2020-07-02"), r.out());
    }

    @Test
    void threadCountDoesNotChangeTheOutput() throws Exception {
        Dwell.Result one = Dwell.run("inventory", "examples/", "--format", "json", "--threads", "1");
        Dwell.Result four = Dwell.run("inventory", "examples/", "--format", "json", "--threads", "4");
        assertEquals(0, one.exit(), one.err());
        assertEquals(one.out(), four.out());
    }

    @Test
    void ratioOptionReachesTheCatalog(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // 4 MiB of W3C lines gzip far better than 2:1; the ratio is judged once 1 MiB has expanded
        String line = "2021-03-03 01:02:03 10.0.0.21 GET /owa/ - 443 - 10.0.1.9 Mozilla/5.0 - 200 0 0 15\n";
        StringBuilder sb = new StringBuilder("#Software: Microsoft Internet Information Services 10.0\n#Fields: date "
                + "time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
                + "sc-status sc-substatus sc-win32-status time-taken\n");
        while (sb.length() < (4 << 20)) sb.append(line);
        Path gz = tmp.resolve("u_ex210303.log.gz");
        Files.write(gz, BadInputIT.gzip(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, JsonNode> strict = byPath(inventory(gz.toString(), "--max-ratio", "2").get("items"));
        assertTrue(strict.get(gz + "!/u_ex210303.log").get("error").asText()
                .startsWith("decompression limit: expansion ratio over 2:1"), strict.toString());
        Map<String, JsonNode> lax = byPath(inventory(gz.toString()).get("items"));
        assertTrue(lax.get(gz + "!/u_ex210303.log").get("error").isNull(), lax.toString());
    }

    @Test
    void limitOptionsReachTheCatalog() throws Exception {
        String zip = "examples/EXCH01/inetpub/logs/LogFiles/W3SVC1/old-logs.zip";
        JsonNode shallow = inventory(zip, "--max-depth", "0");
        assertEquals(1, shallow.get("items").size());
        assertEquals("archive nesting deeper than 0 levels: not opened", shallow.get("items").get(0).get("error").asText());
        JsonNode small = inventory(zip, "--max-expanded", "100000");
        Map<String, JsonNode> items = byPath(small.get("items"));
        assertTrue(items.get(zip).get("error").asText().contains("decompression limit: archive expands past 100000 bytes"),
                items.get(zip).toString());
        assertTrue(items.get(zip + "!/u_ex190529.log").get("error").asText()
                .equals("decompression limit: archive expands past 100000 bytes"), items.toString());
        assertEquals(91, items.size(), "the archive was abandoned at the limit");
    }
}
