package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.read.ItemReading;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The rule cache's encoding of loaded rule sets: what is decoded is what was loaded, and damage is refused. */
class RuleSetCodecTest {
    /** Every kind of value test, condition and search, a correlation, a meta filter and a rejection. */
    private static final String ALL_KINDS = """
            title: every kind
            id: kinds-1
            name: kinds
            status: test
            level: high
            tags: [attack.t1059, attack.execution]
            fields: [CommandLine]
            description: caf\u00e9 \u2013 \ud83d\ude00 beyond Latin-1
            references: [https://example.org/a, https://example.org/b]
            logsource: {product: windows, category: process_creation}
            detection:
                strings:
                    Image|endswith: '\\\\cmd.exe'
                    CommandLine|contains|all: [' /c ', 'wh?ami*', 'caf\u00e9']
                    CommandLine|cased|startswith: Cmd
                    OriginalFileName: null
                dashes:
                    CommandLine|windash|contains: -enc
                encoded:
                    CommandLine|base64offset|contains: 'IEX ('
                    CommandLine|utf16le|base64: 'http'
                regexes:
                    - CommandLine|re|i|m|s: '^a.*b$'
                    - CommandLine|re: '(?i)\\+.*\\+'
                numbers:
                    ProcessId|lt: 4
                    ParentProcessId|gte: 0x10
                    UtcTime|minute: 5
                    SourceIp|cidr: [10.0.0.0/8, 'fe80::/10', 192.168.1.1]
                refs:
                    User|fieldref|endswith: ParentUser
                    Missing|exists: false
                    Other|neq: x
                keywords:
                    - mimikatz
                    - 'sekurlsa::*'
                condition: (strings and not dashes) or 1 of reg* or all of num* and refs or keywords and not 1 of them
            ---
            title: many
            id: corr-1
            correlation:
                type: value_count
                rules: [kinds]
                group-by: [Computer]
                timespan: 15m
                condition: {gt: 2, lte: 10, field: User}
                aliases:
                    host: {kinds: Computer}
            generate: true
            ---
            title: quiet
            id: filter-1
            logsource: {product: windows}
            filter:
                rules: [kinds-1]
                sel: {User: SYSTEM}
                condition: not sel
            ---
            title: bad
            logsource: {product: windows}
            detection:
                sel: {A|nosuchmodifier: x}
                condition: sel
            """;

    private static RuleSet allKinds() {
        RuleSet set = new RuleLoader(Placeholders.none(), dwell.rulecache.RuleCache.off()).loadText("kinds.yml", ALL_KINDS);
        assertEquals(1, set.rules().size(), set.rejected().toString());
        assertEquals(1, set.correlations().size(), set.rejected().toString());
        assertEquals(1, set.filters().size(), set.rejected().toString());
        assertEquals(1, set.rejected().size(), set.rejected().toString());
        return set;
    }

    private static String render(RuleSet s) {
        return RuleSetRendering.of(s);
    }

    @Test
    void textsBeyondLatin1AndLoneSurrogatesSurvive() {
        SigmaRule r = allKinds().rules().get(0);
        String odd = "x\ud800y \u2013 \ud83d\ude00 \u00e9";
        SigmaRule changed = new SigmaRule(r.id(), odd, odd, r.level(), r.status(), List.of(odd), r.logSource(), r.detection(),
                r.fields(), Map.of("description", odd), r.origin());
        RuleSet back = RuleSetCodec.decode(RuleSetCodec.encode(new RuleSet(List.of(changed), List.of(), List.of(), List.of(), 1)));
        SigmaRule b = back.rules().get(0);
        assertEquals(List.of(odd, odd, List.of(odd), Map.of("description", odd)), List.of(b.name(), b.title(), b.tags(), b.meta()));
    }

    @Test
    void everyKindComesBackAsLoaded() {
        RuleSet set = allKinds();
        byte[] bytes = RuleSetCodec.encode(set);
        RuleSet back = RuleSetCodec.decode(bytes);
        assertEquals(render(set), render(back));
        assertEquals(set.rules().get(0).meta().get("description"), back.rules().get(0).meta().get("description"));
        // what a test prints leaves some of it out (a regex's flags): its encoding holds everything it is built from
        assertArrayEquals(bytes, RuleSetCodec.encode(back));
    }

    @Test
    void decodedTestsDecideAsTheLoadedOnes() {
        RuleSet set = allKinds();
        RuleSet back = RuleSetCodec.decode(RuleSetCodec.encode(set));
        Matcher loaded = Binder.bind(set.rules().get(0).detection(), FieldResolver.IDENTITY);
        Matcher decoded = Binder.bind(back.rules().get(0).detection(), FieldResolver.IDENTITY);
        List<Event> events = List.of(
                SigmaTesting.event("Image", "C:\\x\\cmd.exe", "CommandLine", "Cmd /c whoami caf\u00e9", "OriginalFileName", ""),
                SigmaTesting.event("CommandLine", "a\nx\nb"),
                SigmaTesting.event("CommandLine", "powershell \u2013enc AAAA"),
                SigmaTesting.event("ProcessId", "3", "ParentProcessId", "17", "UtcTime", "2024-01-01 10:05:00",
                        "SourceIp", "10.1.2.3", "User", "corp\\bob", "ParentUser", "bob", "Other", "y"),
                SigmaTesting.event("Text", "sekurlsa::logonpasswords"),
                SigmaTesting.event("SourceIp", "[fe80::1]:443", "ProcessId", "3", "ParentProcessId", "16", "UtcTime", "2024-01-01 10:05:00"));
        int hits = 0;
        for (Event e : events) {
            boolean want = loaded.matches(new EventView().reset(e));
            assertEquals(want, decoded.matches(new EventView().reset(e)), e.toString());
            if (want) hits++;
        }
        assertTrue(hits >= 3 && hits < events.size(), "the events should match some and miss some: " + hits);
    }

    /** A decoded pattern compiled before: it is compiled when a value first gets past its texts, not when decoded. */
    @Test
    void decodedPatternsCompileWhenFirstNeeded() {
        List<RegexTest> loaded = new java.util.ArrayList<>();
        List<RegexTest> decoded = new java.util.ArrayList<>();
        RuleSet set = allKinds();
        set.rules().get(0).detection().searches().values().forEach(s -> regexes(s, loaded));
        RuleSetCodec.decode(RuleSetCodec.encode(set)).rules().get(0).detection().searches().values()
                .forEach(s -> regexes(s, decoded));
        assertEquals(2, decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            RegexTest d = decoded.get(i);
            assertTrue(loaded.get(i).compiled());
            assertFalse(d.compiled(), d.toString());
            assertEquals(loaded.get(i).toString(), d.toString());
            assertFalse(d.test("nothing of it", null));
            assertFalse(d.compiled(), "a value without the pattern's texts needs no pattern");
        }
        for (String v : List.of("A\nxB", "a+b+", "xx+ab+", "a\nb", "+\n+")) {
            for (int i = 0; i < decoded.size(); i++) assertEquals(loaded.get(i).test(v, null), decoded.get(i).test(v, null), v);
        }
        assertTrue(decoded.get(0).compiled() && decoded.get(1).compiled());
        assertEquals(loaded.get(0).pattern().flags(), decoded.get(0).pattern().flags());
    }

    private static void regexes(Search s, List<RegexTest> out) {
        if (s instanceof Search.All a) a.items().forEach(x -> regexes(x, out));
        else if (s instanceof Search.Any a) a.items().forEach(x -> regexes(x, out));
        else if (s instanceof Search.Field f) f.match().tests().forEach(t -> {
            if (t instanceof RegexTest r) out.add(r);
        });
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = RuleSetCodec.encode(allKinds());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, n);
            assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(cut), "cut at " + n);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(longer));
    }

    /** The cache's digest catches damage; the decoder must still never fail otherwise than as "not an encoding". */
    @Test
    void damagedBytesDecodeOrAreRefusedNeverCrash() {
        byte[] bytes = RuleSetCodec.encode(allKinds());
        Random random = new Random(20);
        for (int k = 0; k < 3000; k++) {
            byte[] b = bytes.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                RuleSetCodec.decode(b);
            } catch (IllegalArgumentException expected) {
                // refused as damaged
            }
        }
    }

    @Test
    void aTestOfAnotherKindIsNotEncoded() {
        SigmaRule r = allKinds().rules().get(0);
        ValueTest other = (value, view) -> true;
        Detection d = new Detection(Map.of("sel", new Search.Field("A", new ValueMatch(List.of(other), false, false, null))),
                List.of(new Condition.Ref("sel")));
        RuleSet set = new RuleSet(List.of(r.withDetection(d)), List.of(), List.of(), List.of(), 1);
        assertThrows(RuleSetCodec.Unencodable.class, () -> RuleSetCodec.encode(set));
    }

    /**
     * The differential test: all SigmaHQ Windows rules and the logsource mapping, decoded, find over the 277 EVTX
     * samples what they found.
     */
    @Test
    void sigmaHqWindowsRulesDecodedMatchAlikeOverTheEvtxSamples() throws IOException {
        RuleSet loaded = sigmaHq();
        byte[] bytes = RuleSetCodec.encode(loaded);
        RuleSet decoded = RuleSetCodec.decode(bytes);
        assertTrue(loaded.rules().size() > 2000);
        assertEquals(render(loaded), render(decoded));
        assertArrayEquals(bytes, RuleSetCodec.encode(decoded));
        SigmaEngine a = new SigmaEngine(loaded.rules(), loaded.filters(), LogsourceMapping.builtin());
        // the engine as a cache hit builds it: the rule set and the logsource mapping both decoded
        LogsourceMapping mapping = LogsourceMappingCodec.decode(LogsourceMappingCodec.encode(LogsourceMapping.builtin()));
        SigmaEngine b = new SigmaEngine(decoded.rules(), decoded.filters(), mapping);
        ConcurrentLinkedQueue<String> fromLoaded = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> fromDecoded = new ConcurrentLinkedQueue<>();
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(Corpora.path("evtx-attack-samples")), new ItemReading(new dwell.inventory.InventoryBuilder().andThen((Event e) -> {
            a.match(e, (i, r) -> fromLoaded.add(e.provenance() + " " + r.id()));
            b.match(e, (i, r) -> fromDecoded.add(e.provenance() + " " + r.id()));
        })));
        Set<String> want = new TreeSet<>(fromLoaded);
        assertTrue(want.size() > 500, "too few matches: " + want.size());
        assertEquals(want, new TreeSet<>(fromDecoded));
    }

    /**
     * A large set decodes its parts on two threads: damage in any part (a cut, a flipped byte in its deflated bytes),
     * whichever thread meets it, is refused as on one thread, never lost or thrown as something else.
     */
    @Test
    void damageInAnyPartDecodedOnTwoThreadsIsRefused() throws IOException {
        RuleSet set = sigmaHq();
        byte[] bytes = RuleSetCodec.encode(set);
        EntryIn in = new EntryIn(bytes);
        int n = in.count();
        assertEquals(1 + (set.rules().size() + RuleSetCodec.RULE_RUN - 1) / RuleSetCodec.RULE_RUN, n,
                "all but the rules, then runs of rules");
        List<EntryIn.Part> parts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(in.part());
        assertTrue(bytes.length - parts.get(1).offset() >= RuleSetCodec.PARALLEL_FROM, "the rules are decoded on two threads");
        assertEquals(bytes.length, parts.get(n - 1).offset() + parts.get(n - 1).length());
        Random random = new Random(7);
        for (int k = 0; k < 40; k++) {
            byte[] b = bytes.clone();
            EntryIn.Part p = parts.get(random.nextInt(n));
            int at = p.offset() + 4 + random.nextInt(p.length() - 4);
            b[at] ^= (byte) (1 << random.nextInt(8));
            assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(b), "flipped at " + at);
        }
        EntryIn.Part last = parts.get(n - 1);
        byte[] cut = java.util.Arrays.copyOf(bytes, last.offset() + last.length() / 2);
        assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(cut));
        // a part claiming more bytes than the entry holds, and a count of parts beyond the bytes
        byte[] b = bytes.clone();
        b[parts.get(0).offset() - 1] = (byte) 0x7f;
        assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(b));
        byte[] many = bytes.clone();
        many[0] = (byte) 0x7f;
        assertThrows(IllegalArgumentException.class, () -> RuleSetCodec.decode(many));
    }

    private static RuleSet sigmaHqRules;

    private static synchronized RuleSet sigmaHq() throws IOException {
        if (sigmaHqRules == null) {
            sigmaHqRules = new RuleLoader(Placeholders.none(), dwell.rulecache.RuleCache.off())
                    .load(List.of(Corpora.path("sigma/rules/windows")));
        }
        return sigmaHqRules;
    }
}
