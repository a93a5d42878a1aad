package dwell.cli;

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
            assertEquals(1, entries().size(), "one entry for the rule set, no temporary file left: " + entries());
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
}
