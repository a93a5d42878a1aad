package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCacheTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private RuleCache cache(String version) {
        return RuleCache.in(dir.resolve("cache"), version, notes::add);
    }

    private static RuleCache.Key key(RuleCache c, String... parts) {
        RuleCache.Key k = c.key("sigma");
        for (String p : parts) k.add(p.getBytes(StandardCharsets.UTF_8));
        return k;
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), "one entry, no temporary file left: " + all);
            return all.get(0);
        }
    }

    @Test
    void anEntryReadsBackAsWritten() {
        RuleCache c = cache("1.0");
        byte[] content = "parsed rules".getBytes(StandardCharsets.UTF_8);
        assertTrue(c.read(key(c, "rule a")).isEmpty(), "nothing there yet");
        c.write(key(c, "rule a"), content);
        assertArrayEquals(content, c.read(key(c, "rule a")).orElseThrow());
        assertEquals(List.of(), notes, "a missing entry is no news");
    }

    @Test
    void anotherRuleFileOrVersionIsAnotherEntry() {
        RuleCache c = cache("1.0");
        c.write(key(c, "rule a"), new byte[] {1});
        assertTrue(c.read(key(c, "rule b")).isEmpty());
        assertTrue(cache("1.1").read(key(cache("1.1"), "rule a")).isEmpty(), "another dwell version reads none of it");
        // parts are length-prefixed: the same bytes split otherwise are other files
        assertNotEquals(key(c, "ab", "c").name(), key(c, "a", "bc").name());
        assertEquals(key(c, "ab", "c").name(), key(c, "ab", "c").name());
    }

    @Test
    void aTamperedEntryIsIgnoredWithANote() throws IOException {
        RuleCache c = cache("1.0");
        c.write(key(c, "rule a"), "detection: original".getBytes(StandardCharsets.UTF_8));
        Path entry = onlyEntry();
        byte[] b = Files.readAllBytes(entry);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("original");
        b[at] = 'X';
        Files.write(entry, b);
        assertTrue(c.read(key(c, "rule a")).isEmpty());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("damaged or altered"), notes.get(0));
    }

    @Test
    void aTruncatedEntryIsIgnoredWithANote() throws IOException {
        RuleCache c = cache("1.0");
        c.write(key(c, "rule a"), new byte[1000]);
        Path entry = onlyEntry();
        for (int len : new int[] {0, 5, 40, 999}) {
            byte[] b = Files.readAllBytes(entry);
            Path cut = dir.resolve("cut");
            Files.write(cut, java.util.Arrays.copyOf(b, Math.min(len, b.length)));
            assertEquals(Optional.empty(), RuleCache.unwrap(Files.readAllBytes(cut), key(c, "rule a").name()), "cut at " + len);
        }
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 500));
        assertTrue(c.read(key(c, "rule a")).isEmpty());
        assertEquals(1, notes.size(), notes.toString());
    }

    @Test
    void anEntryCopiedOverAnothersNameIsRefused() throws IOException {
        RuleCache c = cache("1.0");
        c.write(key(c, "rule a"), "a's rules".getBytes(StandardCharsets.UTF_8));
        Path a = onlyEntry();
        Path b = a.resolveSibling("sigma-" + key(c, "rule b").name() + ".bin");
        Files.copy(a, b);
        assertTrue(c.read(key(c, "rule b")).isEmpty(), "its digest is sound, but it names rule a's files");
        assertEquals(1, notes.size());
    }

    @Test
    void aRewriteAfterDamageIsReadAgain() throws IOException {
        RuleCache c = cache("1.0");
        c.write(key(c, "rule a"), new byte[] {1, 2, 3});
        Files.write(onlyEntry(), new byte[] {9, 9, 9});
        assertTrue(c.read(key(c, "rule a")).isEmpty());
        c.write(key(c, "rule a"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, c.read(key(c, "rule a")).orElseThrow());
    }

    @Test
    void concurrentWritersLeaveOneSoundEntry() throws Exception {
        RuleCache c = cache("1.0");
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> {
                    c.write(key(c, "rule a"), content);
                    c.read(key(c, "rule a")).ifPresent(got -> assertArrayEquals(content, got));
                }));
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdown();
        }
        onlyEntry();
        assertArrayEquals(content, c.read(key(c, "rule a")).orElseThrow());
        assertEquals(List.of(), notes);
    }

    @Test
    void anUnwritableFolderIsANoteNotAFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        RuleCache c = RuleCache.in(file.resolve("cache"), "1.0", notes::add);
        c.write(key(c, "rule a"), new byte[] {1});
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("cannot be written"), notes.get(0));
        assertTrue(c.read(key(c, "rule a")).isEmpty());
    }

    @Test
    void offNeitherReadsNorWrites() {
        RuleCache off = RuleCache.off();
        assertFalse(off.enabled());
        off.write(key(off, "rule a"), new byte[] {1});
        assertTrue(off.read(key(off, "rule a")).isEmpty());
    }

    @Test
    void aNamedEntryIsNamedBy64LowerCaseHexDigits() {
        RuleCache c = cache("1.0");
        String name = "0123456789abcdef".repeat(4);
        assertEquals(name, c.named("yara", name).orElseThrow().name());
        for (String bad : List.of(name.substring(1), name + "0", name.toUpperCase(), name.replace('f', 'g'), "",
                name.substring(1) + "/")) {
            assertTrue(c.named("yara", bad).isEmpty(), bad);
        }
    }

    @Test
    void anEntrysFileIsNamedByItsKindsLettersAndDigitsOnly() throws IOException {
        RuleCache c = cache("1.0");
        c.write(c.key("Sigma-rules/../2"), new byte[] {1});
        assertTrue(onlyEntry().getFileName().toString().startsWith("igmarules2-"), onlyEntry().toString());
    }

    @Test
    void theUserFolderFollowsTheXdgConvention() {
        assertEquals(Path.of("/own"), RuleCache.userFolder(Map.of("DWELL_CACHE_DIR", "/own", "XDG_CACHE_HOME", "/x"), "/home/u"));
        assertEquals(Path.of("/x/dwell"), RuleCache.userFolder(Map.of("XDG_CACHE_HOME", "/x"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/dwell"), RuleCache.userFolder(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"),
                "a relative XDG_CACHE_HOME is ignored, as the specification says");
        assertEquals(Path.of("/home/u/.cache/dwell"), RuleCache.userFolder(Map.of(), "/home/u"));
    }
}
