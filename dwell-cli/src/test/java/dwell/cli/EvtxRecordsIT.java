package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EVTX records in the hunt: findings name a record by the EventRecordID Event Viewer shows, a slack copy of a live
 * record is hunted once, and records sharing an EventRecordID never share a finding id.
 */
class EvtxRecordsIT {
    private static final String RULE = """
            title: Sysmon process creation or registry value set
            id: 0c1d7f0e-57a4-4f55-9a5e-6a1b2c3d4e5f
            status: test
            logsource:
              product: windows
              service: sysmon
            detection:
              selection:
                EventID:
                  - 1
                  - 13
              condition: selection
            level: medium
            """;

    @TempDir
    Path tmp;

    @Test
    void recordsSharingAnEventRecordIdHaveTheirOwnFindings() throws Exception {
        Path planted = PlantedEvtx.write(PlantedEvtx.SOURCE, PlantedEvtx.SECOND, tmp.resolve("planted.evtx"));
        Path rule = Files.writeString(tmp.resolve("rule.yml"), RULE);
        Path out = tmp.resolve("out");
        Dwell.Result r = Dwell.run("scan", planted.toString(), "--rules", rule.toString(), "--no-builtin", "--no-pivot",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> where = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(out.resolve("findings.jsonl"))) {
            JsonNode f = Json.MAPPER.readTree(line);
            JsonNode e = f.get("evidence");
            where.add(f.get("time").asText() + " line " + e.get("line").asLong() + " record " + e.get("record").asLong());
            ids.add(f.get("id").asText());
        }
        // live 416055, 416056 and 416057 (lines 1 to 3); their slack copies (lines 8 and 10) are not hunted again;
        // the older record carved with id 416056 (line 9) is, under its own finding id
        assertEquals(List.of("2020-10-15T12:17:02.736849500Z line 9 record 416056",
                "2020-10-15T13:17:02.403318400Z line 1 record 416055", "2020-10-15T13:17:02.736849500Z line 2 record 416056",
                "2020-10-15T13:17:02.737936300Z line 3 record 416057"), where);
        assertEquals(4, ids.size(), "one finding id per record");
        Dwell.Result q = Dwell.run("query", out.resolve("case.duckdb").toString(),
                "SELECT line, record FROM findings ORDER BY line", "--format", "json");
        assertEquals(0, q.exit(), q.err());
        assertEquals("[{\"line\":1,\"record\":416055},{\"line\":2,\"record\":416056},{\"line\":3,\"record\":416057},"
                + "{\"line\":9,\"record\":416056}]", q.out().replaceAll("\\s", ""), "the case file names records alike");
    }

    /**
     * The public attack samples hunted with every SigmaHQ Windows rule: no finding twice, no id shared, every
     * finding's record the EventRecordID of its event, and as many events as evtxexport reads plus the recovered
     * records that exist nowhere else.
     */
    @Test
    void corpusScanHasNoDuplicatesAndLibevtxsCount() throws Exception {
        Path corpus = Dwell.corpus("evtx-attack-samples");
        Path out = tmp.resolve("corpus");
        Dwell.Result r = Dwell.run("scan", corpus.toString(), "--rules", Dwell.corpus("sigma/rules/windows").toString(),
                "--no-builtin", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("findings.jsonl"));
        assertTrue(lines.size() > 1000, "findings: " + lines.size());
        assertEquals(lines.size(), new HashSet<>(lines).size(), "byte-identical finding lines");
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode f = Json.MAPPER.readTree(line);
            ids.add(f.get("id").asText());
            JsonNode rendered = f.get("event").get("EventRecordID");
            if (f.get("detector").asText().equals("sigma") && rendered != null) {
                assertEquals(rendered.asText(), f.get("evidence").get("record").asText(), line);
            }
            if (f.get("evidence").get("format").asText().equals("evtx")) assertTrue(f.get("evidence").get("line").asLong() > 0, line);
        }
        assertEquals(lines.size(), ids.size(), "finding ids shared by distinct findings");

        long libevtx = 0;
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path f : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) libevtx += evtxexport(f);
        }
        Dwell.Result dump = Dwell.run("evtx", "dump", corpus.toString());
        long recoveredUnique = dump.out().lines().filter(l -> l.endsWith("\"recovered\":true}")).count();
        long events = Json.MAPPER.readTree(out.resolve("inventory.json").toFile()).get("total_events").asLong();
        System.out.println("evtx corpus scan: " + lines.size() + " findings, " + events + " events = " + libevtx
                + " read by evtxexport + " + recoveredUnique + " recovered unique");
        assertTrue(recoveredUnique > 0);
        assertEquals(libevtx + recoveredUnique, events);
    }

    /** How many records {@code evtxexport -f xml} exports from {@code f}. */
    private static long evtxexport(Path f) throws Exception {
        Path xml = Files.createTempFile("evtxexport", ".xml");
        try {
            Process p = new ProcessBuilder("evtxexport", "-f", "xml", f.toString()).redirectOutput(xml.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("evtxexport hung on " + f);
            }
            try (Stream<String> l = Files.lines(xml, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                return l.filter(s -> s.startsWith("<Event ") || s.startsWith("<Event>")).count();
            }
        } finally {
            Files.deleteIfExists(xml);
        }
    }
}
