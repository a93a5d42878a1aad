package dwell.sigma;

import dwell.hunt.Diagnostic;
import static dwell.sigma.SigmaTesting.event;
import static dwell.sigma.SigmaTesting.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The detection semantics of the Sigma specification (rules spec and modifiers appendix 2.1), rule by rule. */
class SigmaConformanceTest {
    @Nested
    class Values {
        @Test
        void plainValueIsWholeValueCaseInsensitive() {
            String d = "sel:\n    Image: 'C:\\Windows\\cmd.exe'\ncondition: sel";
            assertTrue(matches(d, "Image", "c:\\windows\\CMD.EXE"));
            assertFalse(matches(d, "Image", "C:\\Windows\\cmd.exe.bak"));
            assertFalse(matches(d, "Image", "x C:\\Windows\\cmd.exe"));
        }

        @Test
        void numbersMatchTheirText() {
            String d = "sel:\n    EventID: 4688\ncondition: sel";
            assertTrue(matches(d, "EventID", "4688"));
            assertFalse(matches(d, "EventID", "46880"));
        }

        @Test
        void starAndQuestionMarkWildcards() {
            String d = "sel:\n    Image: '*\\pro?A.exe'\ncondition: sel";
            assertTrue(matches(d, "Image", "C:\\x\\progA.exe"));
            assertTrue(matches(d, "Image", "\\proXa.EXE"));
            assertFalse(matches(d, "Image", "C:\\x\\prgA.exe"));
            assertFalse(matches(d, "Image", "C:\\x\\proggA.exe"));
            String mid = "sel:\n    CommandLine: 'a*b*c'\ncondition: sel";
            assertTrue(matches(mid, "CommandLine", "aXXbYYc"));
            assertTrue(matches(mid, "CommandLine", "abc"));
            assertFalse(matches(mid, "CommandLine", "aXXcYYb"));
        }

        @Test
        void escapedWildcardsAreLiteral() {
            String d = "sel:\n    Name: 'a\\*b\\?'\ncondition: sel";
            assertTrue(matches(d, "Name", "a*b?"));
            assertFalse(matches(d, "Name", "aXXbY"));
            // \\* is a backslash followed by a wildcard; a lone backslash before other text stays a backslash
            String d2 = "sel:\n    Name: 'dir\\\\*'\ncondition: sel";
            assertTrue(matches(d2, "Name", "dir\\anything"));
            assertFalse(matches(d2, "Name", "dirX"));
            String d3 = "sel:\n    Name: 'C:\\Temp\\x'\ncondition: sel";
            assertTrue(matches(d3, "Name", "c:\\temp\\x"));
            String d4 = "sel:\n    Name: 'a\\\\\\\\b'\ncondition: sel";
            assertTrue(matches(d4, "Name", "a\\\\b"));
        }

        @Test
        void listsAreOrMapsAreAnd() {
            String d = "sel:\n    A: [x, y]\n    B: z\ncondition: sel";
            assertTrue(matches(d, "A", "y", "B", "z"));
            assertFalse(matches(d, "A", "y", "B", "q"));
            assertFalse(matches(d, "A", "w", "B", "z"));
            String lm = "sel:\n    - A: x\n    - B: z\ncondition: sel";
            assertTrue(matches(lm, "B", "z"));
            assertTrue(matches(lm, "A", "x"));
            assertFalse(matches(lm, "A", "z"));
        }

        @Test
        void nullMatchesAbsentOrEmptyAndEmptyMatchesOnlyEmpty() {
            String n = "sel:\n    A: null\ncondition: sel";
            assertTrue(matches(n, "B", "x"));
            assertTrue(matches(n, "A", ""));
            assertFalse(matches(n, "A", "x"));
            String e = "sel:\n    A: ''\ncondition: sel";
            assertTrue(matches(e, "A", ""));
            assertFalse(matches(e, "B", "x"));
            assertFalse(matches(e, "A", "x"));
        }

        @Test
        void absentFieldsNeverThrowAndDoNotMatch() {
            String d = "sel:\n    A|contains: x\n    B|re: 'y+'\n    C|cidr: 10.0.0.0/8\n    D|gt: 3\n    E|fieldref: F\ncondition: sel";
            assertFalse(matches(d, "Z", "1"));
            assertFalse(matches("sel:\n    A|hour: 3\ncondition: sel", "Z", "1"));
            assertFalse(matches("sel:\n    A|windash|contains: -x\ncondition: sel"));
        }
    }

    @Nested
    class Keywords {
        @Test
        void keywordsSearchEveryFieldAndTheRawRecord() {
            String d = "keywords:\n    - 'event::clear'\n    - 'DumpCreds'\ncondition: keywords";
            assertTrue(matches(d, "CommandLine", "mimikatz EVENT::Clear exit"));
            assertTrue(matches(d, event("A", "b", "raw line with dumpcreds inside")));
            assertFalse(matches(d, "CommandLine", "nothing"));
        }

        @Test
        void allOnKeywordsNeedsEveryOne() {
            String d = "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords";
            assertTrue(matches(d, event("A", "x", "Set-OabVirtualDirectory -ExternalUrl 'http://x'")));
            assertTrue(matches(d, "A", "Set-OabVirtualDirectory", "B", "y -externalurl z"));
            assertFalse(matches(d, event("A", "x", "Set-OabVirtualDirectory only")));
        }

        @Test
        void singleKeywordString() {
            assertTrue(matches("kw: 'whoami'\ncondition: kw", "A", "cmd /c WHOAMI /all"));
        }
    }

    @Nested
    class Modifiers {
        @Test
        void containsStartswithEndswith() {
            assertTrue(matches("s:\n    A|contains: mid\ncondition: s", "A", "xxMIDyy"));
            assertTrue(matches("s:\n    A|startswith: pre\ncondition: s", "A", "PREfix"));
            assertFalse(matches("s:\n    A|startswith: pre\ncondition: s", "A", "xpre"));
            assertTrue(matches("s:\n    A|endswith: '.exe'\ncondition: s", "A", "a.EXE"));
            assertFalse(matches("s:\n    A|endswith: '.exe'\ncondition: s", "A", "a.exe.txt"));
            assertTrue(matches("s:\n    A|contains: 'a*c'\ncondition: s", "A", "xxabbcxx"));
        }

        @Test
        void allJoinsValuesWithAnd() {
            String d = "s:\n    A|contains|all: [one, two]\ncondition: s";
            assertTrue(matches(d, "A", "two and one"));
            assertFalse(matches(d, "A", "one only"));
        }

        @Test
        void exists() {
            assertTrue(matches("s:\n    A|exists: true\ncondition: s", "A", ""));
            assertFalse(matches("s:\n    A|exists: true\ncondition: s", "B", "x"));
            assertTrue(matches("s:\n    A|exists: false\ncondition: s", "B", "x"));
            assertFalse(matches("s:\n    A|exists: false\ncondition: s", "A", "x"));
        }

        @Test
        void cased() {
            assertTrue(matches("s:\n    A|cased: Abc\ncondition: s", "A", "Abc"));
            assertFalse(matches("s:\n    A|cased: Abc\ncondition: s", "A", "abc"));
            assertFalse(matches("s:\n    A|contains|cased: Bc\ncondition: s", "A", "xbcx"));
            assertTrue(matches("s:\n    A|contains|cased: Bc\ncondition: s", "A", "xBcx"));
        }

        @Test
        void neqWithStringsNumbersAndFieldref() {
            String d = "s:\n    A|neq: [x, y]\ncondition: s";
            assertTrue(matches(d, "A", "z"));
            assertFalse(matches(d, "A", "Y"));
            assertFalse(matches(d, "B", "z"));
            assertTrue(matches("s:\n    A|neq: 5\ncondition: s", "A", "6"));
            assertTrue(matches("s:\n    A|fieldref|neq: B\ncondition: s", "A", "1", "B", "2"));
            assertFalse(matches("s:\n    A|fieldref|neq: B\ncondition: s", "A", "1", "B", "1"));
        }

        @Test
        void windashMakesEveryDash() {
            String d = "s:\n    CommandLine|windash|contains: ' -enc '\ncondition: s";
            for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
                assertTrue(matches(d, "CommandLine", "powershell " + dash + "enc AAA"), dash);
            }
            assertFalse(matches(d, "CommandLine", "powershell +enc AAA"));
            String two = "s:\n    C|windash|contains: '-a -b'\ncondition: s";
            assertTrue(matches(two, "C", "x /a \u2013b"));
        }

        @Test
        void regexWithFlags() {
            assertTrue(matches("s:\n    A|re: '^ab+c$'\ncondition: s", "A", "abbbc"));
            assertFalse(matches("s:\n    A|re: '^ab+c$'\ncondition: s", "A", "ABBC"));
            assertTrue(matches("s:\n    A|re|i: '^ab+c$'\ncondition: s", "A", "ABBC"));
            assertFalse(matches("s:\n    A|re: '^b$'\ncondition: s", "A", "a\nb"));
            assertTrue(matches("s:\n    A|re|m: '^b$'\ncondition: s", "A", "a\nb"));
            assertFalse(matches("s:\n    A|re: 'a.b'\ncondition: s", "A", "a\nb"));
            assertTrue(matches("s:\n    A|re|s: 'a.b'\ncondition: s", "A", "a\nb"));
            assertTrue(matches("s:\n    A|re: 'b'\ncondition: s", "A", "abc"), "re finds anywhere unless anchored");
        }

        @Test
        void base64AndBase64offset() {
            String enc = Base64.getEncoder().encodeToString("whoami /all".getBytes(StandardCharsets.UTF_8));
            assertTrue(matches("s:\n    A|base64: 'whoami /all'\ncondition: s", "A", enc));
            String d = "s:\n    A|base64offset|contains: 'http://'\ncondition: s";
            for (String prefix : new String[] {"", "x", "xy", "xyz"}) {
                String payload = Base64.getEncoder().encodeToString((prefix + "IEX http://evil/a").getBytes(StandardCharsets.UTF_8));
                assertTrue(matches(d, "A", "powershell -e " + payload), prefix);
            }
            String other = Base64.getEncoder().encodeToString("nothing to see".getBytes(StandardCharsets.UTF_8));
            assertFalse(matches(d, "A", other));
        }

        @Test
        void utf16Encodings() {
            for (String prefix : new String[] {"", "a", "ab"}) {
                byte[] wide = (prefix + "IEX (New-Object").getBytes(StandardCharsets.UTF_16LE);
                String payload = Base64.getEncoder().encodeToString(wide);
                assertTrue(matches("s:\n    A|wide|base64offset|contains: 'IEX'\ncondition: s", "A", payload), prefix);
                assertTrue(matches("s:\n    A|utf16le|base64offset|contains: 'IEX'\ncondition: s", "A", payload), prefix);
            }
            String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
            assertTrue(matches("s:\n    A|utf16be|base64: 'cmd'\ncondition: s", "A", be));
            byte[] bom = {(byte) 0xff, (byte) 0xfe, 'c', 0, 'm', 0, 'd', 0};
            assertTrue(matches("s:\n    A|utf16|base64: 'cmd'\ncondition: s", "A", Base64.getEncoder().encodeToString(bom)));
        }

        @Test
        void numericComparisons() {
            assertTrue(matches("s:\n    A|lt: 10\ncondition: s", "A", "9"));
            assertFalse(matches("s:\n    A|lt: 10\ncondition: s", "A", "10"));
            assertTrue(matches("s:\n    A|lte: 10\ncondition: s", "A", "10"));
            assertTrue(matches("s:\n    A|gt: 10\ncondition: s", "A", "10.5"));
            assertFalse(matches("s:\n    A|gt: 10\ncondition: s", "A", "ten"));
            assertTrue(matches("s:\n    A|gte: 10\ncondition: s", "A", "10"));
            assertFalse(matches("s:\n    A|gte: 10\ncondition: s", "A", "-11"));
        }

        @Test
        void timeParts() {
            String t = "2021-03-02T03:04:05Z";
            assertTrue(matches("s:\n    T|minute: 4\ncondition: s", "T", t));
            assertTrue(matches("s:\n    T|hour: 3\ncondition: s", "T", t));
            assertTrue(matches("s:\n    T|day: 2\ncondition: s", "T", t));
            assertTrue(matches("s:\n    T|week: 9\ncondition: s", "T", t));
            assertTrue(matches("s:\n    T|month: 3\ncondition: s", "T", t));
            assertTrue(matches("s:\n    T|year: 2021\ncondition: s", "T", "2021-03-02 03:04:05.123"));
            assertFalse(matches("s:\n    T|hour: 4\ncondition: s", "T", t));
            assertFalse(matches("s:\n    T|hour: 4\ncondition: s", "T", "not a date"));
        }

        @Test
        void cidrV4AndV6() {
            String d = "s:\n    Ip|cidr: ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32', 'fe80::/10']\ncondition: s";
            assertTrue(matches(d, "Ip", "10.200.3.4"));
            assertTrue(matches(d, "Ip", "192.168.1.255"));
            assertFalse(matches(d, "Ip", "192.168.2.1"));
            assertFalse(matches(d, "Ip", "11.0.0.1"));
            assertTrue(matches(d, "Ip", "2001:DB8:1::5"));
            assertTrue(matches(d, "Ip", "fe80::1%eth0"));
            assertFalse(matches(d, "Ip", "2001:db9::1"));
            assertFalse(matches(d, "Ip", "10.0.0"));
            assertFalse(matches(d, "Ip", "example.com"));
            assertTrue(matches("s:\n    Ip|cidr: '::ffff:0:0/96'\ncondition: s", "Ip", "::ffff:10.1.2.3"));
            // values are read as log fields write addresses (dwell.net.IpAddress#parseField)
            assertTrue(matches(d, "Ip", "10.1.2.3:445"), "a port after an IPv4 address");
            assertTrue(matches(d, "Ip", "[2001:db8::5]:443"), "a bracketed IPv6 address and port");
            assertTrue(matches(d, "Ip", " 10.1.2.3\t"), "blanks around");
            assertTrue(matches(d, "Ip", "::ffff:10.1.2.3"), "an IPv4-mapped address is its IPv4 host");
            assertFalse(matches(d, "Ip", "010.1.2.3"), "leading zeros (octal to inet_aton): no address");
            assertFalse(matches(d, "Ip", "10.1.2.3:http"), "a port is a number");
            assertTrue(matches("s:\n    Ip|cidr: 10.1.2.3\ncondition: s", "Ip", "10.1.2.3"), "no prefix: one host");
            assertFalse(matches("s:\n    Ip|cidr: 10.1.2.3\ncondition: s", "Ip", "10.1.2.4"), "no prefix: one host");
        }

        @Test
        void expandUsesPlaceholderFile() {
            Placeholders p = Placeholders.of(java.util.Map.of("Admins", java.util.List.of("adm-*", "root")));
            RuleSet set = new RuleLoader(p).loadText("t.yml",
                    SigmaTesting.rule("s:\n    User|expand: '%Admins%'\ncondition: s"));
            assertTrue(set.rejected().isEmpty(), set.rejected().toString());
            Matcher m = Binder.bind(set.rules().get(0).detection(), FieldResolver.IDENTITY);
            assertTrue(m.matches(new EventView().reset(event("User", "ADM-bob"))));
            assertTrue(m.matches(new EventView().reset(event("User", "root"))));
            assertFalse(m.matches(new EventView().reset(event("User", "bob"))));
            Diagnostic r = SigmaTesting.reject(SigmaTesting.rule("s:\n    User|expand: '%Nope%'\ncondition: s"));
            assertTrue(r.reason().contains("placeholder %Nope% has no value"), r.reason());
            assertEquals(9, r.line());
        }

        @Test
        void fieldref() {
            String d = "s:\n    A|fieldref: B\ncondition: s";
            assertTrue(matches(d, "A", "same", "B", "SAME"));
            assertFalse(matches(d, "A", "same", "B", "other"));
            assertFalse(matches(d, "A", "same"));
            assertTrue(matches("s:\n    A|fieldref|startswith: B\ncondition: s", "A", "prefix-rest", "B", "prefix"));
            assertTrue(matches("s:\n    A|fieldref|endswith: B\ncondition: s", "A", "x.exe", "B", ".exe"));
            assertTrue(matches("s:\n    A|fieldref|contains: B\ncondition: s", "A", "xmidx", "B", "mid"));
        }

        @Test
        void unknownModifierIsRejectedWithItsLine() {
            Diagnostic r = SigmaTesting.reject(SigmaTesting.rule("s:\n    A|contians: x\ncondition: s"));
            assertTrue(r.reason().contains("unknown modifier 'contians'"), r.reason());
            assertEquals(9, r.line());
            assertTrue(r.toString().startsWith("bad.yml:9: "), r.toString());
        }
    }

    @Nested
    class Conditions {
        static final String SEARCHES = "a:\n    A: 1\nb:\n    B: 1\nc:\n    C: 1\n_d:\n    D: 1\n";

        private boolean cond(String condition, String... kv) {
            return matches(SEARCHES + "condition: " + condition, kv);
        }

        @Test
        void andOrNotParentheses() {
            assertTrue(cond("a and b", "A", "1", "B", "1"));
            assertFalse(cond("a and b", "A", "1"));
            assertTrue(cond("a or b", "B", "1"));
            assertTrue(cond("a and not b", "A", "1"));
            assertFalse(cond("a and not b", "A", "1", "B", "1"));
            assertTrue(cond("(a or b) and c", "B", "1", "C", "1"));
            assertFalse(cond("(a or b) and c", "B", "1"));
            assertTrue(cond("not (a or b)", "C", "1"));
            assertTrue(cond("not not a", "A", "1"));
        }

        @Test
        void precedenceOrAndNot() {
            // a or b and c == a or (b and c)
            assertTrue(cond("a or b and c", "A", "1"));
            assertFalse(cond("a or b and c", "B", "1"));
            // not a and b == (not a) and b
            assertTrue(cond("not a and b", "B", "1"));
            assertFalse(cond("not a and b", "A", "1", "B", "1"));
            assertFalse(cond("not a and b", "C", "1"));
            // not binds tighter than or
            assertTrue(cond("not a or b", "C", "1"));
        }

        @Test
        void ofPatternsAndThem() {
            assertTrue(cond("1 of them", "C", "1"));
            assertFalse(cond("1 of them", "D", "1"), "_-prefixed names are not in 'them'");
            assertTrue(cond("all of them", "A", "1", "B", "1", "C", "1"));
            assertFalse(cond("all of them", "A", "1", "B", "1"));
            assertTrue(cond("1 of _*", "D", "1"));
            String s = "sel_a:\n    A: 1\nsel_b:\n    B: 1\nfilter_x:\n    X: 1\n";
            assertTrue(matches(s + "condition: all of sel_* and not 1 of filter*", "A", "1", "B", "1"));
            assertFalse(matches(s + "condition: all of sel_* and not 1 of filter*", "A", "1", "B", "1", "X", "1"));
            assertTrue(matches(s + "condition: 1 of sel_*", "B", "1"));
            assertTrue(matches(s + "condition: any of sel_*", "B", "1"));
        }

        @Test
        void aListOfConditionsIsOred() {
            assertTrue(matches(SEARCHES + "condition:\n    - a and b\n    - c", "C", "1"));
            assertFalse(matches(SEARCHES + "condition:\n    - a and b\n    - c", "A", "1"));
        }

        @Test
        void parserErrors() {
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: a and nope")).reason()
                    .contains("unknown search identifier 'nope'"));
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: (a and b")).reason().contains("missing ')'"));
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: a and")).reason().contains("ends too early"));
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: a | count() > 5")).reason().contains("obsolete"));
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: 1 of zz*")).reason().contains("no search identifier matches"));
            assertTrue(SigmaTesting.reject(SigmaTesting.rule(SEARCHES + "condition: 2 of them")).reason().contains("only '1 of'"));
        }

        @Test
        void conditionAst() {
            Condition c = ConditionParser.parse("a or not b and 1 of c*");
            assertEquals(new Condition.Or(new Condition.Ref("a"),
                    new Condition.And(new Condition.Not(new Condition.Ref("b")), new Condition.Of(1, "c*"))), c);
        }
    }
}
