package dwell.sigma;

import dwell.rulecache.RuleFileStamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placeholders through the rule cache: read from a sound entry as parsed; a damaged or stale one is not used. */
class PlaceholdersCacheTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private RuleCache cache() {
        return RuleCache.in(dir.resolve("cache"), "test", notes::add);
    }

    private Path entry() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sigmaplaceholders-")).findFirst().orElseThrow();
        }
    }

    @Test
    void placeholdersComeBackAsParsedAndAnEditedFileIsReadAnew() throws IOException, InterruptedException {
        Path user = dir.resolve("p.yaml");
        Files.writeString(user, "admins: [alice, 'b*b']\nservers: srv01\nempty: null\n");
        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RuleFileStamps.SETTLED) + 200);
        Map<String, List<String>> want = Placeholders.load(List.of(user), RuleCache.off()).values();
        assertEquals(List.of("alice", "b*b"), want.get("admins"));
        assertEquals(want, Placeholders.load(List.of(user), cache()).values(), "miss");
        Path entry = entry();
        assertEquals(want, Placeholders.load(List.of(user), cache()).values(), "hit");
        byte[] b = Files.readAllBytes(entry);
        b[b.length - 33] ^= 4;
        Files.write(entry, b);
        assertEquals(want, Placeholders.load(List.of(user), cache()).values(), "damaged");
        assertEquals(1, notes.size(), notes.toString());
        Files.writeString(user, "admins: [carol, 'b*b']\nservers: srv01\nempty: null\n");
        assertEquals(List.of("carol", "b*b"), Placeholders.load(List.of(user), cache()).values().get("admins"), "edited");
        assertTrue(Files.size(entry) > 0);
    }
}
