package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.text.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: a scan never reads its own output folders as evidence, and its case records the command line once. */
class OwnOutputIT {
    @TempDir
    Path tmp;

    @Test
    void rescanningAFolderHoldingEarlierOutputReadsTheSameEvidence() throws Exception {
        Path evidence = tmp.resolve("triage");
        copy(Dwell.root().resolve("examples"), evidence);
        Path first = evidence.resolve("out1");
        Path second = evidence.resolve("case 2");
        Dwell.Result one = Dwell.run("scan", evidence.toString(), "--out", first.toString());
        assertEquals(0, one.exit(), one.err());
        Dwell.Result two = Dwell.run("scan", evidence.toString(), "-o", second.toString());
        assertEquals(0, two.exit(), two.err());

        assertTrue(Files.isRegularFile(first.resolve(".dwell-output")));
        // examples/README.md: 800 items; the first run's findings, report and case are not among them the second time
        JsonNode inv = Json.MAPPER.readTree(second.resolve("inventory.json").toFile());
        assertEquals(800, inv.get("items").size());
        for (JsonNode item : inv.get("items")) assertFalse(item.get("path").asText().contains("out1"), item.toString());
        assertEquals(Files.readAllLines(first.resolve("findings.jsonl")).size(), Files.readAllLines(second.resolve("findings.jsonl")).size());
        JsonNode problems = Json.MAPPER.readTree(second.resolve("summary.json").toFile()).get("problems");
        assertTrue(problems.toString().contains(first + ": not read, it holds dwell's own output (.dwell-output)"), problems.toString());

        // the runs table: the command as typed, once, an argument with a blank quoted
        Dwell.Result runs = Dwell.run("query", second.resolve("case.duckdb").toString(), "SELECT command_line FROM runs", "-f", "json");
        assertEquals(0, runs.exit(), runs.err());
        assertEquals("dwell scan " + evidence + " -o '" + second + "'",
                Json.MAPPER.readTree(runs.out()).get(0).get("command_line").asText());
    }

    @Test
    void inventoryLeavesOutputFoldersOutAndSaysSo() throws Exception {
        Path evidence = tmp.resolve("triage");
        copy(Dwell.root().resolve("examples/rp01"), evidence);
        Dwell.Result scan = Dwell.run("scan", evidence.toString(), "--no-case", "--out", evidence.resolve("out").toString());
        assertEquals(0, scan.exit(), scan.err());
        Dwell.Result inv = Dwell.run("inventory", evidence.toString(), "--format", "json");
        assertEquals(0, inv.exit(), inv.err());
        assertTrue(inv.err().contains(evidence.resolve("out") + ": not read, it holds dwell's own output"), inv.err());
        for (JsonNode item : Json.MAPPER.readTree(inv.out()).get("items")) {
            assertFalse(item.get("path").asText().startsWith(evidence.resolve("out").toString()), item.toString());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        assertTrue(Files.isDirectory(to), List.of(from, to).toString());
    }
}
