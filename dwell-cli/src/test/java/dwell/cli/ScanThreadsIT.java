package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan reads the evidence while its rules compile when it has more than one thread: SigmaHQ's Windows rules over
 * the 277 EVTX attack samples give the same outputs, byte for byte, with one thread (compile, then read) and with two
 * (both at once); a rule file that does not load still ends the scan with exit 2 and no output.
 */
class ScanThreadsIT {
    @TempDir
    Path tmp;

    private static String samples() {
        return Dwell.corpus("evtx-attack-samples").toString();
    }

    private static String rules() {
        return Dwell.corpus("sigma/rules/windows").toString();
    }

    private Path scan(String name, String threads) throws Exception {
        Path out = tmp.resolve(name);
        Dwell.Result r = Dwell.run("scan", samples(), "--rules", rules(), "--no-builtin", "--no-case", "--threads", threads,
                "--out", out.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    /**
     * summary.json with what differs from run to run masked, as tools/output-digests.sh masks it: timings, and the
     * pivot index's byte count (its blocks fill in the order the reading threads reach it).
     */
    private static String summary(Path out) throws Exception {
        return Files.readString(out.resolve("summary.json"))
                .replaceAll("\"([a-z_]*ms|elapsed[a-z_]*|index_bytes)\"\\s*:\\s*[0-9.]+", "\"$1\":X");
    }

    @Test
    void oneThreadAndTwoGiveTheSameOutputs() throws Exception {
        Path one = scan("one", "1");
        Path two = scan("two", "2");
        String findings = Files.readString(one.resolve("findings.jsonl"));
        // the samples hold Mimikatz, PsExec and the like: SigmaHQ's rules find well over a thousand events
        assertTrue(findings.lines().count() > 1000, "findings: " + findings.lines().count());
        assertEquals(findings, Files.readString(two.resolve("findings.jsonl")));
        for (String f : new String[] {"incidents.json", "inventory.json"}) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(two.resolve(f)), f);
        }
        assertEquals(summary(one), summary(two));
    }

    @Test
    void aRuleFileThatDoesNotLoadStillEndsTheScanWithExit2() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yml"), "title: broken\ndetection: [unclosed\n");
        Path out = tmp.resolve("out");
        Dwell.Result r = Dwell.run("scan", samples(), "--rules", bad.toString(), "--no-builtin", "--threads", "2",
                "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("bad.yml"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out.resolve("findings.jsonl")));
    }
}
