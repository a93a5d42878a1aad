package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.rulecache.RuleCache;
import dwell.rulecache.RuleFileStamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-rule cache: decoded rules match exactly as freshly compiled ones (every rule, string, offset and meta
 * value) on the YARA differential corpus and on a rule file using every kind of condition, and agree with yara; an
 * entry that is truncated, altered or written by many runs at once never gives wrong rules.
 */
class YaraRuleCacheTest {
    private static final Map<String, String> EXTERNALS = Map.of("ext_int", "5", "ext_str", "foo", "ext_bool", "true",
            "ext_float", "1.5");

    @TempDir
    Path tmp;

    private final List<String> notes = new ArrayList<>();

    private RuleCache cache() {
        return RuleCache.in(tmp.resolve("cache"), "test", notes::add);
    }

    private static Path everyKind() throws Exception {
        return Path.of(YaraRuleCacheTest.class.getResource("every-kind.yar").toURI());
    }

    private static YaraRules roundTrip(YaraRules rules) {
        return YaraRulesCodec.decode(YaraRulesCodec.encode(rules));
    }

    /** Every detail of a scan's matches, one line each. */
    private static List<String> describe(List<RuleMatch> matches) {
        List<String> out = new ArrayList<>();
        for (RuleMatch m : matches) {
            out.add(m.rule() + " " + m.tags() + " " + new java.util.TreeMap<>(m.meta()));
            for (RuleMatch.StringMatch s : m.strings()) {
                out.add("  " + s.identifier() + "@" + s.offset() + "+" + s.length() + " " + HexFormat.of().formatHex(s.data()));
            }
        }
        return out;
    }

    /** The rule-set entries of the cache (not the small ones that name them by the rule files' stamps). */
    private List<Path> cacheFiles() throws IOException {
        return entries("yara-");
    }

    private List<Path> entries(String prefix) throws IOException {
        if (!Files.isDirectory(tmp.resolve("cache"))) return List.of();
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** Waits until files written now have stamps a cache trusts. */
    private static void settle() throws InterruptedException {
        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RuleFileStamps.SETTLED) + 200);
    }

    /**
     * Rule files whose stamps are settled find their entry through the stamps' entry, without their bytes: a stamps'
     * entry naming the entry of other rules returns those. A rule file written since (other stamps) is compiled
     * anew, as is one whose entry is damaged; a file changed too recently for its stamps to be trusted has no stamps'
     * entry at all.
     */
    @Test
    void settledRuleFilesFindTheirEntryByTheirStampsAndAChangedOneIsCompiledAnew() throws Exception {
        Path rules = tmp.resolve("r.yar");
        Path other = tmp.resolve("o.yar");
        Files.writeString(rules, "rule first { strings: $a = \"needle\" condition: $a }");
        Files.writeString(other, "rule second { strings: $a = \"needle\" condition: $a }");
        YaraRules.compile(List.of(rules), Map.of(), cache());
        assertEquals(List.of(), entries("yarastamps-"), "a file written just now has no trusted stamps");
        settle();
        byte[] data = "a needle".getBytes(StandardCharsets.US_ASCII);
        assertEquals("first", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule());
        assertEquals(1, entries("yarastamps-").size());
        YaraRules.compile(List.of(other), Map.of(), cache());
        RuleCache cache = cache();
        cache.write(YaraRuleCache.stampKey(List.of(rules), Map.of(), cache).orElseThrow(),
                YaraRuleCache.key(List.of(other), Map.of(), cache).name().getBytes(StandardCharsets.US_ASCII));
        assertEquals("second", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule(),
                "found through the stamps, not the bytes");
        Path otherEntry = tmp.resolve("cache").resolve("yara-" + YaraRuleCache.key(List.of(other), Map.of(), cache).name() + ".bin");
        byte[] sound = Files.readAllBytes(otherEntry);
        byte[] bad = sound.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(otherEntry, bad);
        assertEquals("first", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule(),
                "a damaged entry named by the stamps: compiled anew from the file");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("is damaged or altered"), notes.get(0));
        notes.clear();
        Files.writeString(rules, "rule third { strings: $a = \"needle\" condition: $a }");
        assertEquals("third", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule(),
                "a changed file is compiled anew");
        settle();
        assertEquals("third", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule());
        assertEquals("third", new YaraScanner(YaraRules.compile(List.of(rules), Map.of(), cache())).scan(data).get(0).rule());
        assertEquals(List.of(), notes);
    }

    @Test
    void decodedRulesMatchAsCompiledOnesOnTheDifferentialCorpusAndAgreeWithYara() throws Exception {
        Path corpus = tmp.resolve("corpus");
        WebshellCorpus.generate(corpus, false);
        YaraRules compiled = YaraRules.compile(WebshellCorpus.ruleFiles(), Map.of(), RuleCache.off());
        byte[] encoded = YaraRulesCodec.encode(compiled);
        YaraRules decoded = YaraRulesCodec.decode(encoded);
        assertArrayEquals(encoded, YaraRulesCodec.encode(decoded), "decoding loses nothing the encoding holds");
        assertEquals(compiled.warnings(), decoded.warnings());
        assertEquals(compiled.rulesWithUndefinedModules(), decoded.rulesWithUndefinedModules());
        assertEquals(compiled.automatonStates(), decoded.automatonStates());
        assertArrayEquals(compiled.tables().automaton.delta, decoded.tables().automaton.delta, "the transitions, rebuilt from the root row");
        assertArrayEquals(compiled.tables().automaton.classOf, decoded.tables().automaton.classOf);
        YaraScanner fresh = new YaraScanner(compiled);
        for (Variant v : decoded.tables().variants) {
            if (v instanceof Variant.Pattern p) {
                assertTrue(p.program() instanceof EncodedProgram, "a program is decoded when a scan first runs it");
                assertTrue(p.program().get() == p.program().get(), "and then kept");
            }
        }
        // a fresh decoding, whose programs the scan itself decodes as their atoms are hit
        YaraScanner cached = new YaraScanner(YaraRulesCodec.decode(encoded));
        Set<String> pairs = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int matched = 0;
        for (Path f : files) {
            List<RuleMatch> want = fresh.scan(f);
            List<RuleMatch> got = cached.scan(f);
            assertEquals(describe(want), describe(got), f.toString());
            for (RuleMatch m : got) pairs.add(m.rule() + " " + f);
            matched += want.size();
        }
        assertTrue(matched > 1000, "the corpus must make many rules fire, got " + matched);
        assertEquals(YaraDifferentialTest.yara(WebshellCorpus.ruleFiles(), corpus, true), pairs);
    }

    @Test
    void everyKindOfConditionSurvivesTheRoundTripAndAgreesWithYara() throws Exception {
        YaraRules compiled = YaraRules.compile(List.of(everyKind()), EXTERNALS, RuleCache.off());
        YaraRules decoded = roundTrip(compiled);
        List<byte[]> data = List.of(
                "xxalphayy beta xoredfoo gamma12 helper anon1 AB\u0001\u0001C D E\u0000 a\u0000l\u0000p\u0000h\u0000a\u0000"
                        .getBytes(StandardCharsets.ISO_8859_1),
                "ZW5jb2RlZDY0 abc gammmma99 delta12345epsilon\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[0]);
        Set<String> names = new TreeSet<>();
        for (byte[] d : data) {
            List<RuleMatch> want = new YaraScanner(compiled).scan(d);
            assertEquals(describe(want), describe(new YaraScanner(decoded).scan(d)));
            want.forEach(m -> names.add(m.rule()));
        }
        // what yara 4.2.3 reports for the first two inputs (-d ext_int=5 -d ext_str=foo -d ext_bool=true -d ext_float=1.5)
        assertEquals(Set.of("g_size", "every_kind", "uses_rule"), names);
        assertEquals(describe(new YaraScanner(compiled).scan(data.get(1))).get(0), "g_size [tagg] {}");
        assertEquals(List.of("g_size", "every_kind", "uses_rule"),
                new YaraScanner(decoded).scan(data.get(1)).stream().map(RuleMatch::rule).toList());
        assertEquals(List.of("g_size", "every_kind"),
                new YaraScanner(decoded).scan(data.get(0)).stream().map(RuleMatch::rule).toList());
    }

    @Test
    void aRepeatedCompilationReadsTheEntryInsteadOfTheRules() throws Exception {
        Path rules = tmp.resolve("r.yar");
        Files.writeString(rules, "rule first { strings: $a = \"needle\" condition: $a }");
        YaraRules miss = YaraRules.compile(List.of(rules), Map.of(), cache());
        assertEquals(1, cacheFiles().size(), "one entry, no temporary file: " + cacheFiles());
        // the entry of other rules, stored under this one's key with a sound digest: a hit must return what it holds
        Path other = tmp.resolve("o.yar");
        Files.writeString(other, "rule second { strings: $a = \"needle\" condition: $a }");
        RuleCache cache = cache();
        cache.write(YaraRuleCache.key(List.of(rules), Map.of(), cache),
                YaraRuleCache.write(YaraRules.compileFiles(List.of(other), Map.of())));
        YaraRules hit = YaraRules.compile(List.of(rules), Map.of(), cache());
        byte[] data = "a needle".getBytes(StandardCharsets.US_ASCII);
        assertEquals("first", new YaraScanner(miss).scan(data).get(0).rule());
        assertEquals("second", new YaraScanner(hit).scan(data).get(0).rule());
        assertEquals(List.of(), notes);
    }

    @Test
    void aChangedRuleFileDefineOrPathIsAnotherEntry() throws Exception {
        Path rules = tmp.resolve("r.yar");
        Files.writeString(rules, "rule r { condition: ext > 1 }");
        YaraRules.compile(List.of(rules), Map.of("ext", "5"), cache());
        YaraRules.compile(List.of(rules), Map.of("ext", "0"), cache());
        assertEquals(2, cacheFiles().size());
        Files.writeString(rules, "rule r { condition: ext > 2 }");
        YaraRules changed = YaraRules.compile(List.of(rules), Map.of("ext", "2"), cache());
        assertEquals(List.of(), new YaraScanner(changed).scan(new byte[1]), "the new rule text is used");
        assertEquals(3, cacheFiles().size());
        Path copy = tmp.resolve("copy.yar");
        Files.copy(rules, copy);
        YaraRules.compile(List.of(copy), Map.of("ext", "2"), cache());
        assertEquals(4, cacheFiles().size(), "positions in warnings name the file as given");
    }

    @Test
    void aTruncatedOrAlteredEntryIsNotedAndCompiledAnew() throws Exception {
        Path rules = everyKind();
        YaraRules.compile(List.of(rules), EXTERNALS, cache());
        Path entry = cacheFiles().get(0);
        byte[] sound = Files.readAllBytes(entry);
        byte[] data = "ZW5jb2RlZDY0 abc gammmma99 delta12345epsilon\n".getBytes(StandardCharsets.ISO_8859_1);
        List<String> want = describe(new YaraScanner(YaraRules.compile(List.of(rules), EXTERNALS, RuleCache.off())).scan(data));
        Random random = new Random(20);
        for (int round = 0; round < 6; round++) {
            byte[] bad = sound.clone();
            if (round % 2 == 0) {
                bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
            } else {
                bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Files.write(entry, bad);
            notes.clear();
            YaraRules rebuilt = YaraRules.compile(List.of(rules), EXTERNALS, cache());
            assertEquals(want, describe(new YaraScanner(rebuilt).scan(data)), "round " + round);
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("is damaged or altered: ignored, made anew"), notes.get(0));
            assertArrayEquals(sound, Files.readAllBytes(entry), "the entry is made anew");
        }
    }

    /**
     * Damaged bytes never reach the decoder through the cache (its SHA-256 check rejects them, as the test above
     * shows); decoding them directly must still end in the codec's own error or a rule set, never in another
     * exception, a huge allocation or a loop without end.
     */
    @Test
    void bytesThatAreNotAnEncodingFailWithTheCodecsError() throws Exception {
        byte[] sound = YaraRulesCodec.encode(YaraRules.compile(List.of(everyKind()), EXTERNALS, RuleCache.off()));
        Random random = new Random(7);
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bad = sound.clone();
            if (round % 3 == 0) bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
            else for (int k = 0; k < 1 + round % 4; k++) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            try {
                // encoding the rule set again runs every program decoder a scan could reach later
                YaraRulesCodec.encode(YaraRulesCodec.decode(bad));
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("not a compiled YARA rule set"), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 100, "most damage is caught by the decoder's own checks: " + rejected);
    }

    /**
     * A hit reads the warnings and modules at once and decodes the tables only when a scanner needs them: an entry
     * whose tables are cut short (its own digest sound, as a bug in the encoder would leave it) is found out then,
     * noted, compiled anew and stored again, and the scan's results are the fresh compiler's.
     */
    @Test
    void aHitDecodesItsTablesWhenFirstScannedAndAnUndecodableOneIsCompiledAnew() throws Exception {
        Path rules = tmp.resolve("r.yar");
        Files.writeString(rules, "import \"pe\"\nrule slow { strings: $a = \"x\" condition: $a or pe.is_dll() }\n"
                + "rule plain { strings: $b = \"needle\" condition: $b }");
        YaraRules fresh = YaraRules.compile(List.of(rules), Map.of(), cache());
        assertEquals(1, cacheFiles().size());
        byte[] sound = YaraRuleCache.write(YaraRules.compileFiles(List.of(rules), Map.of()));
        RuleCache cache = cache();
        cache.write(YaraRuleCache.key(List.of(rules), Map.of(), cache), java.util.Arrays.copyOf(sound, sound.length - 40));
        notes.clear();
        YaraRules hit = YaraRules.compile(List.of(rules), Map.of(), cache());
        assertEquals(fresh.warnings(), hit.warnings());
        assertTrue(hit.warnings().get(0).contains("may slow down scanning"), hit.warnings().toString());
        assertEquals(Map.of("slow", List.of("pe")), hit.rulesWithUndefinedModules());
        assertEquals(fresh.rulesWithUndefinedModules(), hit.rulesWithUndefinedModules());
        assertEquals(List.of(), notes, "nothing is decoded before a scan");
        byte[] data = "a needle".getBytes(StandardCharsets.US_ASCII);
        assertEquals(describe(new YaraScanner(fresh).scan(data)), describe(new YaraScanner(hit).scan(data)));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("does not decode"), notes.get(0));
        notes.clear();
        YaraRules again = YaraRules.compile(List.of(rules), Map.of(), cache());
        assertEquals(describe(new YaraScanner(fresh).scan(data)), describe(new YaraScanner(again).scan(data)));
        assertEquals(List.of(), notes, "the entry was stored anew");
    }

    @Test
    void aChangedIncludedFileMakesTheEntryStale() throws Exception {
        Files.createDirectories(tmp.resolve("sub"));
        Path inc = tmp.resolve("sub/inc.yar");
        Files.writeString(inc, "rule included { strings: $a = \"abc\" condition: $a }");
        Path main = tmp.resolve("main.yar");
        Files.writeString(main, "include \"sub/inc.yar\"\nrule main { condition: included }");
        byte[] data = "xxabcxx xyz".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, new YaraScanner(YaraRules.compile(List.of(main), Map.of(), cache())).scan(data).size());
        assertEquals(2, new YaraScanner(YaraRules.compile(List.of(main), Map.of(), cache())).scan(data).size());
        Files.writeString(inc, "rule included { strings: $a = \"nothing here\" condition: $a }");
        assertEquals(List.of(), new YaraScanner(YaraRules.compile(List.of(main), Map.of(), cache())).scan(data));
        Files.writeString(inc, "rule included { strings: $a = \"xyz\" condition: $a }");
        assertEquals(2, new YaraScanner(YaraRules.compile(List.of(main), Map.of(), cache())).scan(data).size());
        assertEquals(1, cacheFiles().size());
        assertEquals(List.of(), notes);
    }

    @Test
    void concurrentRunsWriteOneSoundEntry() throws Exception {
        Path rules = everyKind();
        byte[] data = "ZW5jb2RlZDY0 abc gammmma99 delta12345epsilon\n".getBytes(StandardCharsets.ISO_8859_1);
        List<String> want = describe(new YaraScanner(YaraRules.compile(List.of(rules), EXTERNALS, RuleCache.off())).scan(data));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                List<Callable<List<String>>> runs = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    // each its own cache object, as separate processes have
                    runs.add(() -> describe(new YaraScanner(YaraRules.compile(List.of(rules), EXTERNALS,
                            RuleCache.in(tmp.resolve("cache"), "test", notes::add))).scan(data)));
                }
                for (Future<List<String>> f : pool.invokeAll(runs)) assertEquals(want, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, cacheFiles().size(), "one entry, no temporary file left: " + cacheFiles());
        assertEquals(List.of(), notes);
        assertNotEquals(0, Files.size(cacheFiles().get(0)));
    }

    @Test
    void withoutACacheNothingIsWritten() throws Exception {
        YaraRules.compile(List.of(everyKind()), EXTERNALS, RuleCache.off());
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    @Test
    void rulesThatDoNotCompileAreNotCached() throws Exception {
        Path rules = tmp.resolve("bad.yar");
        Files.writeString(rules, "rule bad { condition: undefined_thing }");
        assertThrows(YaraCompileException.class, () -> YaraRules.compile(List.of(rules), Map.of(), cache()));
        assertEquals(List.of(), cacheFiles());
    }

    /** A zip of stored entries (local header 30 bytes + name + data each, APPNOTE 4.3.7), with a comment. */
    private static byte[] storedZip(Map<String, byte[]> entries, String comment) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setComment(comment);
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                java.util.zip.ZipEntry z = new java.util.zip.ZipEntry(e.getKey());
                z.setMethod(java.util.zip.ZipEntry.STORED);
                z.setSize(e.getValue().length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                z.setCrc(crc.getValue());
                // a time the DOS fields hold, so that no extended-time extra field lengthens the headers
                z.setTime(1577836800000L);
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theCodeFingerprintOfAJarIsItsCentralDirectoryAndChangesWithAnyEntrysContent() throws Exception {
        Map<String, byte[]> entries = Map.of("dwell/yara/A.class", "aaaa".getBytes(StandardCharsets.US_ASCII),
                "dwell/yara/B.class", "bbbbbb".getBytes(StandardCharsets.US_ASCII));
        Path jar = tmp.resolve("code.jar");
        byte[] zip = storedZip(entries, "a comment: PK\5\6 is no record here");
        Files.write(jar, zip);
        int locals = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) locals += 30 + e.getKey().length() + e.getValue().length;
        byte[] directory = YaraRuleCache.centralDirectory(jar);
        assertArrayEquals(java.util.Arrays.copyOfRange(zip, locals, zip.length), directory);
        assertArrayEquals(new byte[] {'P', 'K', 1, 2}, java.util.Arrays.copyOf(directory, 4));

        // the same size, one byte changed: the entry's CRC-32 in the directory tells them apart
        Files.write(jar, storedZip(Map.of("dwell/yara/A.class", "aaab".getBytes(StandardCharsets.US_ASCII),
                "dwell/yara/B.class", "bbbbbb".getBytes(StandardCharsets.US_ASCII)), "a comment: PK\5\6 is no record here"));
        assertNotEquals(HexFormat.of().formatHex(directory), HexFormat.of().formatHex(YaraRuleCache.centralDirectory(jar)));

        // no end record: the whole file stands for itself
        Path notZip = tmp.resolve("not.jar");
        Files.write(notZip, java.util.Arrays.copyOf(zip, locals));
        assertArrayEquals(java.util.Arrays.copyOf(zip, locals), YaraRuleCache.centralDirectory(notZip));
    }
}
