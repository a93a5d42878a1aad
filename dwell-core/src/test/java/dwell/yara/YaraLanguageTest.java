package dwell.yara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every language feature against hand-checked expectations. */
class YaraLanguageTest {
    @TempDir
    Path tmp;

    private static YaraRules compile(String src) throws YaraSyntaxError {
        return new YaraCompiler().addSource(src, "test.yar").build();
    }

    private static Set<String> scan(String rules, byte[] data) throws YaraSyntaxError {
        return new YaraScanner(compile(rules)).scan(data).stream().map(RuleMatch::rule)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> scan(String rules, String data) throws YaraSyntaxError {
        return scan(rules, data.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** True if the single-rule condition {@code cond} with strings {@code strings} holds on {@code data}. */
    private static boolean holds(String strings, String cond, String data) throws YaraSyntaxError {
        String src = "import \"math\"\nimport \"hash\"\nrule r { " + (strings.isEmpty() ? "" : "strings: " + strings)
                + " condition: " + cond + " }";
        return !scan(src, data).isEmpty();
    }

    private static List<RuleMatch.StringMatch> strings(String rule, String data) throws YaraSyntaxError {
        return new YaraScanner(compile(rule)).scan(data.getBytes(StandardCharsets.ISO_8859_1)).get(0).strings();
    }

    private static String wide(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
    }

    @Test
    void textStringsAndModifiers() throws Exception {
        assertTrue(holds("$a = \"abc\"", "$a", "xxabcxx"));
        assertFalse(holds("$a = \"abc\"", "$a", "xxABCxx"));
        assertTrue(holds("$a = \"abc\" nocase", "$a", "xxAbCxx"));
        assertTrue(holds("$a = \"abc\" wide", "$a", wide("abc")));
        assertFalse(holds("$a = \"abc\" wide", "$a", "abc"));
        assertTrue(holds("$a = \"abc\" wide ascii", "$a", "abc"));
        assertTrue(holds("$a = \"abc\" fullword", "$a", "x abc."));
        assertFalse(holds("$a = \"abc\" fullword", "$a", "xabc"));
        assertFalse(holds("$a = \"abc\" fullword", "$a", "abc1"));
        assertTrue(holds("$a = \"abc\" fullword", "$a", "abc"));
        assertTrue(holds("$a = \"abc\" fullword wide", "$a", wide("-abc-")));
        assertFalse(holds("$a = \"abc\" fullword wide", "$a", wide("zabc")));
        assertTrue(holds("$a = \"a\\\"b\\\\c\\x41\\t\"", "$a", "a\"b\\cA\t"));
    }

    @Test
    void xorAndBase64() throws Exception {
        String x = new String(new byte[] {'a' ^ 5, 'b' ^ 5, 'c' ^ 5}, StandardCharsets.ISO_8859_1);
        assertTrue(holds("$a = \"abc\" xor", "$a", x));
        assertTrue(holds("$a = \"abc\" xor(5)", "$a", x));
        assertFalse(holds("$a = \"abc\" xor(6-255)", "$a", x));
        assertTrue(holds("$a = \"abc\" xor(1-5)", "$a", x));
        // YARA's documented example: "This program cannot" in base64 at its three alignments
        for (String enc : List.of("VGhpcyBwcm9ncmFtIGNhbm5vd", "RoaXMgcHJvZ3JhbSBjYW5ub3", "UaGlzIHByb2dyYW0gY2Fubm90")) {
            assertTrue(holds("$a = \"This program cannot\" base64", "$a", "xx" + enc + "xx"), enc);
            assertTrue(holds("$a = \"This program cannot\" base64wide", "$a", wide(enc)), enc);
        }
        assertFalse(holds("$a = \"This program cannot\" base64", "$a", "This program cannot"));
        assertTrue(holds("$a = \"test\" base64", "$a",
                java.util.Base64.getEncoder().encodeToString("a test here".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void hexStrings() throws Exception {
        String d = "\u0000MZ\u0090\u0000\u0003PE";
        assertTrue(holds("$h = { 4D 5A 90 00 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ?? 00 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A 9? 00 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ?0 00 }", "$h", d));
        assertFalse(holds("$h = { 4D 5A ?1 00 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ~00 00 }", "$h", d));
        assertFalse(holds("$h = { 4D 5A ~90 00 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ~8? 00 }", "$h", d));
        assertTrue(holds("$h = { 4D [2] 00 03 }", "$h", d));
        assertTrue(holds("$h = { 4D [1-3] 03 }", "$h", d));
        assertFalse(holds("$h = { 4D [0-1] 03 }", "$h", d));
        assertTrue(holds("$h = { 4D [2-] 50 45 }", "$h", d));
        assertTrue(holds("$h = { 4D [-] 45 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ( 91 | 90 00 ) 03 }", "$h", d));
        assertTrue(holds("$h = { 4D 5A ( 91 | 90 ( 01 | 00 ) ) 03 }", "$h", d));
        assertFalse(holds("$h = { 4D 5A ( 91 | 92 ) }", "$h", d));
        assertTrue(holds("$h = { 50 45 // comment\n }", "$h", d));
    }

    @Test
    void regularExpressions() throws Exception {
        assertTrue(holds("$r = /ab+c/", "$r", "xabbbcx"));
        assertTrue(holds("$r = /abc/i", "$r", "xABCx"));
        assertTrue(holds("$r = /abc/ nocase", "$r", "xABCx"));
        assertFalse(holds("$r = /a.c/", "$r", "a\nc"));
        assertTrue(holds("$r = /a.c/s", "$r", "a\nc"));
        assertTrue(holds("$r = /\\bword\\b/", "$r", "a word."));
        assertFalse(holds("$r = /\\bword\\b/", "$r", "awords"));
        assertTrue(holds("$r = /\\Bord/", "$r", "word"));
        assertTrue(holds("$r = /\\w+\\s\\d{2,3}\\W/", "$r", "abc 123!"));
        assertFalse(holds("$r = /\\d{4}/", "$r", "123"));
        assertTrue(holds("$r = /x\\S\\Dy/", "$r", "xaby"));
        assertTrue(holds("$r = /[a-c]{3}[^a-c]/", "$r", "zcabz"));
        assertTrue(holds("$r = /[\\]\\-x]+/", "$r", "]-x"));
        assertTrue(holds("$r = /(foo|bar)baz/", "$r", "barbaz"));
        assertTrue(holds("$r = /\\x41\\x42/", "$r", "AB"));
        assertTrue(holds("$r = /^abc/", "$r", "abcd"));
        assertFalse(holds("$r = /^bcd/", "$r", "abcd"));
        assertTrue(holds("$r = /bcd$/", "$r", "abcd"));
        assertFalse(holds("$r = /abc$/", "$r", "abcd"));
        assertTrue(holds("$r = /a{,2}b/", "$r", "aab"));
        assertTrue(holds("$r = /ab/ wide", "$r", wide("ab")));
        assertTrue(holds("$r = /a\\/b/", "$r", "a/b"));
        assertTrue(holds("$r = /ab/ fullword", "$r", "-ab-"));
        assertFalse(holds("$r = /ab/ fullword", "$r", "cab"));
    }

    @Test
    void greedyAndLazyMatchLengths() throws Exception {
        assertEquals(5, strings("rule r { strings: $r = /ab+/ condition: $r }", "xabbbb").get(0).length());
        assertEquals(2, strings("rule r { strings: $r = /ab+?/ condition: $r }", "xabbbb").get(0).length());
        assertEquals(3, strings("rule r { strings: $r = /a.*?c/ condition: $r }", "abcabc").get(0).length());
        assertEquals(6, strings("rule r { strings: $r = /a.*c/ condition: $r }", "abcabc").get(0).length());
    }

    @Test
    void matchOffsetsAndOverlaps() throws Exception {
        List<RuleMatch.StringMatch> m = strings("rule r { strings: $a = \"aa\" condition: $a }", "aaaa");
        assertEquals(List.of(0L, 1L, 2L), m.stream().map(RuleMatch.StringMatch::offset).toList());
        assertEquals("aa", new String(m.get(0).data(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void stringConditions() throws Exception {
        String d = "abc..abc..xyz";
        assertTrue(holds("$a = \"abc\"", "#a == 2", d));
        assertTrue(holds("$a = \"abc\"", "@a[1] == 0 and @a[2] == 5 and @a == 0", d));
        assertTrue(holds("$a = \"abc\"", "!a[1] == 3 and !a == 3", d));
        assertFalse(holds("$a = \"abc\"", "@a[3] == 0 or defined @a[3]", d));
        assertTrue(holds("$a = \"abc\"", "$a at 5", d));
        assertFalse(holds("$a = \"abc\"", "$a at 4", d));
        assertTrue(holds("$a = \"abc\"", "$a in (1..5)", d));
        assertFalse(holds("$a = \"abc\"", "$a in (1..4)", d));
        assertTrue(holds("$a = \"abc\"", "#a in (1..10) == 1", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "2 of them", d));
        assertFalse(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "all of them", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "any of ($a, $c)", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "none of ($c)", d));
        assertTrue(holds("$a1 = \"abc\" $a2 = \"xyz\" $c = \"nope\"", "all of ($a*)", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "66% of them", d));
        assertFalse(holds("$a = \"abc\" $b = \"xyz\" $c = \"nope\"", "67% of them", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\"", "any of them in (8..12)", d));
        assertFalse(holds("$a = \"abc\" $b = \"xyz\"", "any of them in (11..12)", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\"", "any of them at 10", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\"", "for all of them : ( # >= 1 )", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\"", "for any of ($a*) : ( $ at 5 )", d));
        assertTrue(holds("$a = \"abc\" $b = \"xyz\"", "for 1 of them : ( # == 2 )", d));
        assertTrue(holds("$a = \"abc\"", "for all i in (1..#a) : ( @a[i] % 5 == 0 )", d));
        assertFalse(holds("$a = \"abc\"", "for any i in (1..#a) : ( @a[i] == 1 )", d));
        assertTrue(holds("$a = \"abc\"", "for any x in (3, 5, 7) : ( $a at x )", d));
        assertTrue(holds("$a = \"abc\"", "for none x in (1, 2) : ( $a at x )", d));
        assertTrue(holds("$a = \"abc\"", "for 2 x in (0, 5, 7) : ( $a at x )", d));
        assertTrue(holds("$ = \"abc\" $ = \"xyz\"", "all of them", d));
    }

    @Test
    void arithmeticAndOperators() throws Exception {
        assertTrue(holds("", "1 + 2 * 3 == 7", ""));
        assertTrue(holds("", "(1 + 2) * 3 == 9", ""));
        assertTrue(holds("", "7 \\ 2 == 3 and 7 % 3 == 1", ""));
        assertTrue(holds("", "-3 + 5 == 2 and ~0 == -1", ""));
        assertTrue(holds("", "0x10 == 16 and 0o17 == 15 and 2KB == 2048 and 1MB == 1048576", ""));
        assertTrue(holds("", "(6 & 3) == 2 and (6 | 3) == 7 and (6 ^ 3) == 5", ""));
        assertTrue(holds("", "1 << 4 == 16 and 256 >> 4 == 16", ""));
        assertTrue(holds("", "1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2", ""));
        assertTrue(holds("", "1.5 + 1 == 2.5 and 3 \\ 2.0 == 1.5", ""));
        assertTrue(holds("", "true and not false", ""));
        assertTrue(holds("", "false or true", ""));
        assertFalse(holds("", "1 \\ 0 == 0", ""));
        assertFalse(holds("", "not (1 \\ 0 == 0)", ""));
        assertTrue(holds("", "not false and true or false", ""));
    }

    @Test
    void stringOperators() throws Exception {
        assertTrue(holds("", "\"hello world\" contains \"o w\"", ""));
        assertTrue(holds("", "\"hello\" icontains \"ELL\"", ""));
        assertTrue(holds("", "\"hello\" startswith \"he\" and \"hello\" endswith \"lo\"", ""));
        assertTrue(holds("", "\"Hello\" istartswith \"he\" and \"HELLO\" iendswith \"lo\"", ""));
        assertTrue(holds("", "\"Hello\" iequals \"hELLO\" and \"a\" == \"a\" and \"a\" != \"b\"", ""));
        assertTrue(holds("", "\"hello123\" matches /l+o\\d+$/", ""));
        assertFalse(holds("", "\"hello\" matches /^ello/", ""));
        assertTrue(holds("", "\"HELLO\" matches /hello/i", ""));
    }

    @Test
    void filesizeAndIntegers() throws Exception {
        String d = "MZ\u0090\u0000\u00ff\u00ff\u00ff\u00ff";
        assertTrue(holds("", "filesize == 8", d));
        assertTrue(holds("", "uint16(0) == 0x5A4D and uint16be(0) == 0x4D5A", d));
        assertTrue(holds("", "uint8(2) == 0x90 and int8(4) == -1", d));
        assertTrue(holds("", "uint32(4) == 0xffffffff and int32(4) == -1 and int16be(4) == -1", d));
        assertTrue(holds("", "uint32be(0) == 0x4D5A9000 and uint8be(1) == 0x5A", d));
        assertFalse(holds("", "uint32(6) == 0", d));
        assertTrue(holds("", "not defined uint32(6)", d));
        assertTrue(holds("", "defined uint32(4)", d));
    }

    @Test
    void rulesReferencesGlobalsPrivateTagsMeta() throws Exception {
        String src = """
                private rule base { strings: $a = "abc" condition: $a }
                rule uses : tag1 tag2 { meta: author = "me" score = 75 flag = true condition: base }
                rule negated { condition: not base }
                rule byset { condition: any of (base, uses*) }
                """;
        assertEquals(Set.of("byset", "uses"), scan(src, "xabc"));
        assertEquals(Set.of("negated"), scan(src, "xyz"));
        RuleMatch m = new YaraScanner(compile(src)).scan("abc".getBytes(StandardCharsets.US_ASCII)).stream()
                .filter(r -> r.rule().equals("uses")).findFirst().orElseThrow();
        assertEquals(List.of("tag1", "tag2"), m.tags());
        assertEquals("me", m.meta().get("author"));
        assertEquals(75L, m.meta().get("score"));
        assertEquals(true, m.meta().get("flag"));
        String global = """
                global rule small { condition: filesize < 10 }
                rule any_a { strings: $a = "a" condition: $a }
                """;
        assertEquals(Set.of("any_a", "small"), scan(global, "a"));
        assertEquals(Set.of(), scan(global, "a".repeat(20)));
    }

    @Test
    void privateStringsAreNotReported() throws Exception {
        List<RuleMatch.StringMatch> m = strings("rule r { strings: $a = \"ab\" $b = \"cd\" private condition: $a and $b }", "abcd");
        assertEquals(List.of("$a"), m.stream().map(RuleMatch.StringMatch::identifier).toList());
    }

    @Test
    void externals() throws Exception {
        YaraRules r = new YaraCompiler().defineText("ext_int", "5").defineText("ext_str", "evil.php")
                .defineText("ext_bool", "true").addSource("rule e { condition: ext_int == 5 and ext_bool and "
                        + "ext_str endswith \".php\" }", "t.yar").build();
        assertEquals(1, new YaraScanner(r).scan(new byte[0]).size());
        assertThrows(YaraSyntaxError.class, () -> compile("rule e { condition: undefined_ext == 1 }"));
    }

    @Test
    void mathModule() throws Exception {
        String d = "\u0000\u0000\u00ff\u00ff";
        assertTrue(holds("", "math.entropy(0, filesize) == 1.0", d));
        assertTrue(holds("", "math.entropy(\"aaaa\") == 0.0", ""));
        assertTrue(holds("", "math.mean(0, filesize) == 127.5", d));
        assertTrue(holds("", "math.mean(\"\\x02\\x04\") == 3.0", ""));
        assertTrue(holds("", "math.deviation(0, filesize, 127.5) == 127.5", d));
        assertTrue(holds("", "math.count(0xff, 0, filesize) == 2 and math.count(0) == 2", d));
        assertTrue(holds("", "math.percentage(0xff) == 0.5", d));
        assertTrue(holds("", "math.mode() == 0", d));
        assertTrue(holds("", "math.in_range(2.5, 2, 3) and not math.in_range(4, 2, 3)", ""));
        assertTrue(holds("", "math.serial_correlation(\"\\x01\\x02\\x01\\x02\") == -1.0", ""));
        assertTrue(holds("", "math.monte_carlo_pi(0, filesize) < 10", "0123456789ab"));
        assertFalse(holds("", "math.entropy(100, 2) >= 0", d));
        assertTrue(holds("", "math.max(1, 3) == 3 and math.min(1, 3) == 1 and math.abs(-2) == 2", ""));
    }

    @Test
    void hashModule() throws Exception {
        assertTrue(holds("", "hash.md5(0, filesize) == \"900150983cd24fb0d6963f7d28e17f72\"", "abc"));
        assertTrue(holds("", "hash.sha1(0, filesize) == \"a9993e364706816aba3e25717850c26c9cd0d89d\"", "abc"));
        assertTrue(holds("", "hash.sha256(\"abc\") == "
                + "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"", ""));
        assertTrue(holds("", "hash.checksum32(0, filesize) == 294", "abc"));
        assertTrue(holds("", "hash.crc32(\"abc\") == 0x352441c2", ""));
    }

    @Test
    void unimplementedModulesAreUndefined() throws Exception {
        String src = """
                import "pe"
                rule is_dll { condition: pe.is_dll() }
                rule not_dll { condition: not pe.is_dll() }
                rule sections { condition: for any i in (0..pe.number_of_sections - 1) : ( pe.sections[i].name == ".text" ) }
                rule either { condition: pe.number_of_sections > 1 or filesize > 0 }
                """;
        YaraRules r = compile(src);
        assertEquals(Set.of("either"), scan(src, "MZ"));
        assertEquals(Set.of("is_dll", "not_dll", "sections", "either"), r.rulesWithUndefinedModules().keySet());
    }

    @Test
    void includesResolveRelativeToTheIncludingFile() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(sub.resolve("inc.yar"), "rule included { strings: $a = \"abc\" condition: $a }");
        Path main = tmp.resolve("main.yar");
        Files.writeString(main, "include \"sub/inc.yar\"\nrule main { condition: included }");
        YaraRules r = new YaraCompiler().addFile(main).build();
        assertEquals(2, new YaraScanner(r).scan("abc".getBytes(StandardCharsets.US_ASCII)).size());
    }

    @Test
    void syntaxErrorsNameFileLineAndColumn() {
        YaraCompiler c = new YaraCompiler().addSource("rule a {\n  condition:\n    $x\n}", "bad.yar");
        assertEquals("bad.yar:3:5: undefined string identifier \"$x\"", c.errors().get(0).getMessage());
        c = new YaraCompiler().addSource("rule a {\n  strings: $a = \"x\"\n  condition: $a and\n}", "bad.yar");
        assertTrue(c.errors().get(0).getMessage().startsWith("bad.yar:4:1: syntax error"), c.errors().toString());
        c = new YaraCompiler().addSource("rule a { strings: $a = { 4D 5Z } condition: $a }", "bad.yar");
        assertTrue(c.errors().get(0).getMessage().startsWith("bad.yar:1:19: invalid hex string"), c.errors().toString());
        c = new YaraCompiler().addSource("rule a { condition: true }\nrule a { condition: true }", "dup.yar");
        assertEquals("dup.yar:2:1: duplicated identifier \"a\"", c.errors().get(0).getMessage());
        c = new YaraCompiler().addSource("rule a { strings: $a = \"x\" $ = \"y\" $ = \"z\" $a = \"w\" condition: $a }", "dup.yar");
        assertEquals("dup.yar:1:44: duplicated string identifier \"$a\"", c.errors().get(0).getMessage());
        c = new YaraCompiler().addSource("rule a { strings: $a = /(ab/ condition: $a }", "re.yar");
        assertTrue(c.errors().get(0).getMessage().startsWith("re.yar:1:19: invalid regular expression"));
    }

    @Test
    void commentsAndLexicalDetails() throws Exception {
        String src = """
                /* block
                   comment */
                rule c // line comment
                {
                    strings: $a = "x//y" $b = "/*z*/"
                    condition: $a and $b
                }
                """;
        assertEquals(Set.of("c"), scan(src, "x//y /*z*/"));
    }

    @Test
    void pathologicalRegexStaysLinear() throws Exception {
        byte[] data = "a".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        assertTrue(scan("rule p { strings: $r = /(a|aa)*(a*)*b/ condition: not $r }", data).contains("p"));
        assertTrue((System.nanoTime() - t0) < 120_000_000_000L);
    }

    @Test
    void tooManyMatchesAreCapped() throws Exception {
        byte[] data = new byte[Matches.MAX_PER_STRING + 10];
        YaraRules r = compile("rule z { strings: $z = { 00 } condition: #z == " + Matches.MAX_PER_STRING + " }");
        assertEquals(1, new YaraScanner(r).scan(data).size());
    }

    @Test
    void largeFilesAreMappedAndGiveTheSameMatches() throws Exception {
        Path f = tmp.resolve("big.bin");
        byte[] data = new byte[3 * (1 << 20) + 17];
        byte[] needle = "needle_in_haystack".getBytes(StandardCharsets.US_ASCII);
        int[] at = {0, (1 << 20) - 5, 2 * (1 << 20) - 9, data.length - needle.length};
        for (int p : at) System.arraycopy(needle, 0, data, p, needle.length);
        Files.write(f, data);
        YaraRules r = compile("import \"math\"\nrule n { strings: $n = \"needle_in_haystack\" "
                + "$h = { 6E 65 65 [1-8] 69 6E } condition: #n == 4 and #h == 4 and @n[4] == " + at[3]
                + " and math.entropy(0, filesize) > 0 }");
        assertEquals(1, new YaraScanner(r, 1024).scan(f).size());
        assertEquals(1, new YaraScanner(r).scan(f).size());
    }
}
