package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dwell with the rule cache: the same findings and report whether the rules come from their files or the cache. */
class RuleCacheIT {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("DWELL_CACHE_DIR", dir.resolve("cache").toString());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.sorted().toList();
        }
    }

    /** Each entry's kind, in the order of their names. */
    private List<String> kinds() throws IOException {
        return entries().stream().map(e -> e.getFileName().toString().replaceFirst("-.*", "")).toList();
    }

    @Test
    void aScanFindsTheSameWithAndWithoutTheCache() throws Exception {
        String rules = Dwell.corpus("sigma/rules/windows").toString();
        String evidence = Dwell.corpus("evtx-attack-samples/Credential Access").toString();
        Dwell.Result plain = Dwell.run(env(), "scan", evidence, "--rules", rules, "--no-builtin", "--no-case",
                "--out", dir.resolve("plain").toString(), "--no-rule-cache");
        assertEquals(0, plain.exit(), plain.err());
        assertFalse(Files.exists(dir.resolve("cache")), "--no-rule-cache writes no cache");
        for (String run : List.of("miss", "hit")) {
            Dwell.Result r = Dwell.run(env(), "scan", evidence, "--rules", rules, "--no-builtin", "--no-case",
                    "--out", dir.resolve(run).toString());
            assertEquals(0, r.exit(), r.err());
            assertFalse(r.err().contains("note:"), r.err());
            assertEquals(List.of("sigma", "sigmamapping", "sigmaplaceholders", "sigmastamps"),
                    entries().stream().map(e -> e.getFileName().toString().replaceFirst("-.*", "")).toList(),
                    "the rule set, the logsource mapping, the placeholders and the rule files' stamps naming the rule set; no temporary file left");
            String want = Files.readString(dir.resolve("plain/findings.jsonl"));
            assertTrue(want.lines().count() > 10, "the comparison needs findings");
            assertEquals(want, Files.readString(dir.resolve(run + "/findings.jsonl")), run);
        }
    }

    @Test
    void aDamagedEntryIsNotedAndTheRulesLoadFromTheirFiles() throws Exception {
        String rules = Dwell.corpus("sigma/rules/windows/builtin").toString();
        Dwell.Result plain = Dwell.run(env(), "rules", "check", "--no-rule-cache", "--format", "json", rules);
        Dwell.Result miss = Dwell.run(env(), "rules", "check", "--format", "json", rules);
        assertEquals(plain.out(), miss.out());
        Path entry = entries().get(0);
        byte[] b = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(b, b.length / 3));
        Dwell.Result damaged = Dwell.run(env(), "rules", "check", "--format", "json", rules);
        assertEquals(0, damaged.exit(), damaged.err());
        assertEquals(plain.out(), damaged.out());
        assertTrue(damaged.err().contains("dwell: note: rule cache entry " + entry + " is damaged or altered: ignored, made anew"),
                damaged.err());
        assertEquals(b.length, Files.size(entry), "made anew");
        Dwell.Result hit = Dwell.run(env(), "rules", "check", "--format", "json", rules);
        assertEquals(plain.out(), hit.out());
        assertFalse(hit.err().contains("note:"), hit.err());
    }

    @Test
    void yaraRulesFromTheCacheMatchAsCompiledOnesAndYara() throws Exception {
        String gen = Dwell.corpus("signature-base/yara/gen_webshells.yar").toString();
        String thor = Dwell.corpus("signature-base/yara/thor-webshells.yar").toString();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("a.php"), "<?php @eval($_POST['cmd']); ?>");
        Files.writeString(www.resolve("b.aspx"), "<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"z\"],\"unsafe\");%>");
        Files.writeString(www.resolve("c.txt"), "nothing to see");
        Dwell.Result plain = Dwell.run(env(), "yara", "scan", "--no-rule-cache", "--rules", gen, "--rules", thor, www.toString());
        assertEquals(0, plain.exit(), plain.err());
        assertFalse(Files.exists(dir.resolve("cache")), "--no-rule-cache writes no cache");
        assertTrue(plain.out().lines().count() >= 2, "the comparison needs matches: " + plain.out());
        Dwell.Result yara = Dwell.exec(List.of("yara", "-w", "-r", gen, thor, www.toString()), Map.of());
        assertEquals(yara.out().lines().sorted().toList(), plain.out().lines().sorted().toList());
        for (String run : List.of("miss", "hit")) {
            Dwell.Result r = Dwell.run(env(), "yara", "scan", "--rules", gen, "--rules", thor, www.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(plain.out(), r.out(), run);
            assertEquals(plain.err(), r.err(), run + ": the same warnings, no note");
            // the corpus's files are long settled: their stamps name the entry, and a hit reads neither file
            assertEquals(List.of("yara", "yarastamps"), kinds(), "one entry and its stamps' entry, no temporary file left");
        }
        // an altered entry, found through the stamps, is noted and made anew; the scan's output is the compiler's
        Path entry = entries().get(0);
        byte[] sound = Files.readAllBytes(entry);
        byte[] altered = sound.clone();
        altered[altered.length / 2] ^= 1;
        Files.write(entry, altered);
        Dwell.Result damaged = Dwell.run(env(), "yara", "scan", "--rules", gen, "--rules", thor, www.toString());
        assertEquals(0, damaged.exit(), damaged.err());
        assertEquals(plain.out(), damaged.out());
        assertTrue(damaged.err().contains("dwell: note: rule cache entry " + entry + " is damaged or altered: ignored, made anew"),
                damaged.err());
        assertArrayEquals(sound, Files.readAllBytes(entry), "made anew");
        // dwell scan --yara reads the same kind of entry (another key: it compiles the files named in its own order)
        for (String run : List.of("scan-miss", "scan-hit")) {
            Dwell.Result r = Dwell.run(env(), "scan", www.toString(), "--yara", gen, "--no-builtin", "--no-case",
                    "--out", dir.resolve(run).toString());
            assertEquals(0, r.exit(), r.err());
            assertFalse(r.err().contains("note:"), r.err());
        }
        // the scan's logsource mapping has an entry of its own (sigmamapping-), even without Sigma rules
        assertEquals(List.of("sigmamapping", "yara", "yara", "yarastamps", "yarastamps"), kinds());
        assertEquals(Files.readString(dir.resolve("scan-miss/findings.jsonl")), Files.readString(dir.resolve("scan-hit/findings.jsonl")));
        assertTrue(Files.readString(dir.resolve("scan-hit/findings.jsonl")).contains("\"detector\":\"yara\""));
    }
}
