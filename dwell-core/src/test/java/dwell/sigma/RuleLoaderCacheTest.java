package dwell.sigma;

import dwell.rulecache.RuleFileStamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules loaded through the rule cache, missed, hit or damaged, are the rules loaded from their files. */
class RuleLoaderCacheTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private RuleCache cache() {
        return RuleCache.in(dir.resolve("cache"), "test", notes::add);
    }

    private static String render(RuleSet s) {
        return RuleSetRendering.of(s);
    }

    private static RuleSet load(RuleCache cache, Path... paths) throws IOException {
        return new RuleLoader(Placeholders.none(), cache).load(List.of(paths));
    }

    /** The rule set's entry (the other is the stamps' entry naming it). */
    private Path entry() throws IOException {
        return entry("sigma-");
    }

    private Path entry(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).reduce((a, b) -> {
                throw new AssertionError("more than one entry");
            }).orElseThrow();
        }
    }

    @Test
    void sigmaHqWindowsRulesLoadTheSameFromTheCache() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows");
        String fromFiles = render(load(RuleCache.off(), rules));
        assertEquals(fromFiles, render(load(RuleCache.off(), rules)), "a load renders the same twice (the comparison's premise)");
        assertEquals(fromFiles, render(load(cache(), rules)), "cache miss");
        assertTrue(Files.size(entry()) > 100_000, "the entry holds the parsed rules");
        assertEquals(fromFiles, render(load(cache(), rules)), "cache hit");
        assertEquals(List.of(), notes);
        assertTrue(load(cache(), rules).rules().size() > 2000);
    }

    /** A hit's patterns are compiled when first used: an entry made with another RE2/J, which might refuse one, is not read. */
    @Test
    void theKeysHoldRe2jsJar() {
        assertTrue(RuleSetCache.re2j().matches("re2j-[0-9.]+\\.jar"), RuleSetCache.re2j());
    }

    @Test
    void rejectionsLinesAndCollectionsComeBackFromTheCache() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("a-good.yml"), "title: good\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 4688}\n  condition: sel\n");
        Files.writeString(rules.resolve("b-collection.yml"), "action: global\nlogsource: {product: windows}\ndetection:\n  condition: sel\n"
                + "---\ntitle: one\ndetection:\n  sel: {EventID: 1}\n---\naction: repeat\ntitle: two\n---\naction: bogus\n");
        Files.writeString(rules.resolve("c-bad-modifier.yml"), "title: bad\nlogsource: {product: windows}\ndetection:\n  sel:\n"
                + "    Image|nosuchmodifier: x\n  condition: sel\n");
        Files.writeString(rules.resolve("d-malformed.yml"), "title: first\nlogsource: {product: windows}\ndetection: {sel: {a: 1}, condition: sel}\n"
                + "---\ntitle: [unclosed\n");
        Files.write(rules.resolve("e-latin1.yml"), "title: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(rules.resolve("f-list.yml"), "- not a map\n");
        Files.writeString(rules.resolve("g-int.yml"), "title: ints\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 010, Text: '010'}\n  condition: sel\n");
        RuleSet fromFiles = load(RuleCache.off(), rules);
        assertTrue(fromFiles.rejected().size() >= 4, fromFiles.rejected().toString());
        assertEquals(render(fromFiles), render(load(cache(), rules)), "cache miss");
        assertEquals(render(fromFiles), render(load(cache(), rules)), "cache hit");
        assertEquals(List.of(), notes);
    }

    @Test
    void aDamagedEntryIsNotedAndMadeAnew() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows/builtin/security");
        String fromFiles = render(load(RuleCache.off(), rules));
        load(cache(), rules);
        Path entry = entry();
        byte[] b = Files.readAllBytes(entry);
        b[b.length / 2] ^= 0x20;
        Files.write(entry, b);
        loadsAnewWithANoteThenFromTheEntry(rules, fromFiles, entry.toString());
    }

    /** A load notes the entry it cannot use ({@code note} in the note) and makes it anew; the next load reads it. */
    private void loadsAnewWithANoteThenFromTheEntry(Path rules, String fromFiles, String note) throws IOException {
        assertEquals(fromFiles, render(load(cache(), rules)));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains(note), notes.get(0));
        notes.clear();
        assertEquals(fromFiles, render(load(cache(), rules)), "made anew, then read");
        assertEquals(List.of(), notes);
    }

    @Test
    void anEditedRuleFileIsNotServedFromTheCache() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path f = rules.resolve("r.yml");
        Files.writeString(f, "title: before\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 1}\n  condition: sel\n");
        assertEquals("before", load(cache(), rules).rules().get(0).title());
        Files.writeString(f, "title: after\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 1}\n  condition: sel\n");
        assertEquals("after", load(cache(), rules).rules().get(0).title());
    }

    @Test
    void anEntryWithASoundDigestThatDoesNotDecodeIsNotedAndMadeAnew() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows/builtin/security");
        String fromFiles = render(load(RuleCache.off(), rules));
        load(cache(), rules);
        Path entry = entry();
        String name = entry.getFileName().toString();
        // what another version of the format would leave: the cache's own wrapping, sound, around other bytes
        RuleCache c = cache();
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(rules)) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> files.add(p.toString()));
        }
        List<byte[]> bytes = new ArrayList<>();
        for (String f : files) bytes.add(Files.readAllBytes(Path.of(f)));
        RuleCache.Key key = RuleSetCache.key(c, Placeholders.none(), files, bytes).orElseThrow();
        assertEquals(name, "sigma-" + key.name() + ".bin", "the test rebuilds the loader's key");
        c.write(key, new byte[] {1, 2, 3});
        loadsAnewWithANoteThenFromTheEntry(rules, fromFiles, "does not decode");
    }

    @Test
    void otherPlaceholdersOrAMovedFolderAreNotServedFromTheCache() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("r.yml"), "title: t\nlogsource: {product: windows}\ndetection:\n"
                + "  sel: {User|expand: '%admins%'}\n  condition: sel\n");
        RuleSet a = new RuleLoader(Placeholders.of(java.util.Map.of("admins", List.of("alice"))), cache()).load(List.of(rules));
        RuleSet b = new RuleLoader(Placeholders.of(java.util.Map.of("admins", List.of("bob"))), cache()).load(List.of(rules));
        assertTrue(render(a).contains("alice") && !render(a).contains("bob"), render(a));
        assertTrue(render(b).contains("bob") && !render(b).contains("alice"), render(b));
        Path moved = Files.move(rules, dir.resolve("moved"));
        RuleSet c = new RuleLoader(Placeholders.of(java.util.Map.of("admins", List.of("bob"))), cache()).load(List.of(moved));
        assertEquals(moved.resolve("r.yml").toString(), c.rules().get(0).origin().path());
        assertEquals(List.of(), notes);
    }

    private static final String BEFORE = "title: before\nlogsource: {product: windows}\ndetection:\n  sel: {EventID: 1}\n  condition: sel\n";
    private static final String AFTER_ = BEFORE.replace("before", "after_");
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_600_000_000_000L);

    private static void settle() throws InterruptedException {
        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RuleFileStamps.SETTLED) + 200);
    }

    private boolean hasStamps() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("sigmastamps-"));
        }
    }

    @Test
    void aFileEditedWithItsSizeAndModificationTimeKeptIsNotServedFromTheStampedEntry() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path f = rules.resolve("r.yml");
        Files.writeString(f, BEFORE);
        Files.setLastModifiedTime(f, LONG_AGO);
        settle();
        assertEquals("before", load(cache(), rules).rules().get(0).title());
        assertTrue(hasStamps(), "settled files are stamped");
        assertEquals("before", load(cache(), rules).rules().get(0).title(), "through the stamps");
        Files.writeString(f, AFTER_);
        Files.setLastModifiedTime(f, LONG_AGO);
        assertEquals("after_", load(cache(), rules).rules().get(0).title(), "just edited: not trusted");
        settle();
        assertEquals("after_", load(cache(), rules).rules().get(0).title(), "settled: its status-change time differs");
        assertEquals("after_", load(cache(), rules).rules().get(0).title(), "stamped anew");
        assertEquals(List.of(), notes);
    }

    @Test
    void aFileEditedWithinTheSameClockTickAsItWasStampedIsNotTrusted() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path f = rules.resolve("r.yml");
        Files.writeString(f, BEFORE);
        FileTime written = Files.getLastModifiedTime(f);
        assertEquals("before", load(cache(), rules).rules().get(0).title());
        assertTrue(!hasStamps(), "a file changed this instant gives no stamps");
        Files.writeString(f, AFTER_);
        Files.setLastModifiedTime(f, written);
        assertEquals("after_", load(cache(), rules).rules().get(0).title());
    }

    @Test
    void aDamagedOrForeignStampsEntryIsNotedAndTheFilesDecide() throws IOException {
        Path rules = Corpora.path("sigma/rules/windows/builtin/security");
        String fromFiles = render(load(RuleCache.off(), rules));
        load(cache(), rules);
        Path stamps = entry("sigmastamps-");
        byte[] b = Files.readAllBytes(stamps);
        b[b.length - 40] ^= 0x01;
        Files.write(stamps, b);
        loadsAnewWithANoteThenFromTheEntry(rules, fromFiles, stamps.toString());
        // a sound stamps entry naming another entry: the one it names is missing, the files decide
        RuleCache c = cache();
        String other = "0".repeat(64);
        java.util.Optional<RuleCache.Key> named = RuleSetCache.named(c, stampKeyOf(c, rules));
        assertTrue(named.isPresent());
        RuleSetCache.writeStamped(c, stampKeyOf(c, rules), c.named("sigma", other).orElseThrow());
        assertEquals(fromFiles, render(load(cache(), rules)));
        assertEquals(named.get().name(), RuleSetCache.named(c, stampKeyOf(c, rules)).orElseThrow().name(), "named anew");
        assertEquals(List.of(), notes);
    }

    private static RuleCache.Key stampKeyOf(RuleCache c, Path rules) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(rules)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        return RuleSetCache.stampKey(c, Placeholders.none(), RuleFileStamps.of(files).orElseThrow()).orElseThrow();
    }
}
