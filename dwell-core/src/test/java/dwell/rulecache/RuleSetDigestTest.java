package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule set's digest is the files' own, whether worked out or read back, and a changed file changes it. */
class RuleSetDigestTest {
    /** A clock far enough ahead that every file's stamp is settled. */
    private static final long LATER = TimeUnit.DAYS.toNanos(365L * 1000);

    @TempDir
    Path tmp;

    /** The digest as the case's runs table documents it, from the files themselves. */
    private static String expected(String prefix, Path... sorted) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(prefix.getBytes(StandardCharsets.UTF_8));
        for (Path f : sorted) {
            md.update(f.toString().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private List<Path> entries() throws IOException {
        Path folder = tmp.resolve("cache");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("ruleset-")).toList();
        }
    }

    private RuleCache cache() {
        return RuleCache.in(tmp.resolve("cache"), "test", note -> { });
    }

    @Test
    void theDigestIsTheFilesOwnWithOrWithoutTheCache() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules/sub"));
        Path b = Files.writeString(rules.resolve("b.yml"), "title: b\n");
        Path a = Files.writeString(tmp.resolve("rules/a.yml"), "title: a\n");
        Path readme = Files.writeString(tmp.resolve("rules/README"), "any file counts\n");
        Path feed = Files.writeString(tmp.resolve("feed.txt"), "1.2.3.4\n");
        List<Path> sources = List.of(tmp.resolve("rules"), feed, tmp.resolve("missing.yml"));
        String want = expected("builtin 1", feed, readme, a, b);

        assertEquals(want, RuleSetDigest.of(sources, "builtin 1", RuleCache.off()));
        assertEquals(want, RuleSetDigest.of(sources, "builtin 1", cache(), new StampedWalk(LATER)));
        assertEquals(1, entries().size(), "kept under the files' stamps");
        assertEquals(want, RuleSetDigest.of(sources, "builtin 1", cache(), new StampedWalk(LATER)));
        assertEquals(expected("1", feed, readme, a, b), RuleSetDigest.of(sources, "1", cache(), new StampedWalk(LATER)),
                "another prefix, another entry");
    }

    @Test
    void aKeptDigestIsReadBackAndAChangedFileFindsAnother() throws Exception {
        Path rule = Files.writeString(tmp.resolve("a.yml"), "title: a\n");
        List<Path> sources = List.of(rule);
        String first = RuleSetDigest.of(sources, "v", cache(), new StampedWalk(LATER));
        Path entry = entries().get(0);
        String name = entry.getFileName().toString().replaceAll("^ruleset-|\\.bin$", "");
        String planted = "f".repeat(64);
        Files.write(entry, RuleCache.wrap(planted.getBytes(StandardCharsets.US_ASCII), name));
        assertEquals(planted, RuleSetDigest.of(sources, "v", cache(), new StampedWalk(LATER)), "read back, not worked out");

        Files.writeString(rule, "title: a, changed\n");
        String changed = RuleSetDigest.of(sources, "v", cache(), new StampedWalk(LATER));
        assertEquals(expected("v", rule), changed);
        assertNotEquals(first, changed);
    }

    @Test
    void unsettledStampsOrAnEntryThatIsNoDigestAreWorkedOutFromTheFiles() throws Exception {
        Path rule = Files.writeString(tmp.resolve("a.yml"), "title: a\n");
        List<Path> sources = List.of(rule);
        String want = expected("v", rule);
        assertEquals(want, RuleSetDigest.of(sources, "v", cache(), new StampedWalk()));
        assertEquals(List.of(), entries(), "a file written a moment ago is not trusted by its stamp");

        RuleSetDigest.of(sources, "v", cache(), new StampedWalk(LATER));
        Path entry = entries().get(0);
        String name = entry.getFileName().toString().replaceAll("^ruleset-|\\.bin$", "");
        Files.write(entry, RuleCache.wrap("not a digest".getBytes(StandardCharsets.US_ASCII), name));
        assertEquals(want, RuleSetDigest.of(sources, "v", cache(), new StampedWalk(LATER)));
        assertEquals(expected("v"), RuleSetDigest.of(List.of(), "v", cache(), new StampedWalk(LATER)), "no rule files");
    }
}
