package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The prefilter's text for a regex is in every value the regex finds a match in, and as long as it can tell. */
class RegexLiteralsTest {
    @Test
    void plainRunsAndEscapedPunctuation() {
        assertEquals("ipconfig", RegexLiterals.required("ipconfig\\s+/all"));
        assertEquals("werfaultsecure.exe", RegexLiterals.required("(?i)\\.exe[\\\"\\']?\\s+[^\\\"]{0,64}werfaultsecure\\.exe[\\\"\\']?\\s+\\d{2,10}"));
        assertEquals("c:\\windows\\", RegexLiterals.required("^C:\\\\Windows\\\\[a-z]+\\.exe$"));
    }

    @Test
    void oneLetterInEitherCaseIsThatLetter() {
        assertEquals("rundll32", RegexLiterals.required("[Rr][Uu][Nn][Dd][Ll][Ll]32(?:\\.[Ee][Xx][Ee])? \\S+?\\w:\\S+?:"));
        assertEquals("cd", RegexLiterals.required("a[Bb]?[Cc]d[xy]"));
    }

    @Test
    void quantifiedCharactersAreNotRequired() {
        assertEquals("abc", RegexLiterals.required("abcd?"));
        assertEquals("abc", RegexLiterals.required("abcd*"));
        assertEquals("abc", RegexLiterals.required("abcd{0,3}"));
        assertEquals("abcd", RegexLiterals.required("abcd+"));
        assertEquals("xyz", RegexLiterals.required("a?xyz\\.?"));
    }

    @Test
    void groupsClassesAndEscapesEndRuns() {
        assertEquals("tail", RegexLiterals.required("(foo|bar)tail"));
        assertEquals("after", RegexLiterals.required("[a-z()|]after"));
        assertEquals("after", RegexLiterals.required("[[:alpha:]]after"));
        assertEquals("bcd", RegexLiterals.required("a\\x41bcd"));
        assertEquals("bcd", RegexLiterals.required("a\\p{Greek}bcd"));
        assertEquals("set", RegexLiterals.required("(?i)(?:set).*&&\\s?set.*(?:environment|invoke).*&&.*\""));
    }

    @Test
    void whatItCannotReadGivesNothing() {
        assertEquals("", RegexLiterals.required("foo|barbaz"));
        assertEquals("", RegexLiterals.required("[Rr][Uu]|x"));
        assertEquals("", RegexLiterals.required("\\Qa.b\\E"));
        assertEquals("", RegexLiterals.required("(unclosed"));
        assertEquals("", RegexLiterals.required("[unclosed"));
        assertEquals("", RegexLiterals.required("ab{x"));
        assertEquals("ab", RegexLiterals.required("ab\u00e9cd"));
    }

    @Test
    void everyMatchHoldsTheText() {
        List<String> patterns = List.of("ipconfig\\s+/all", "(?i)net\\s+config", "abcd?e", "x(y|z)+wq{2}rs", "(?i)powershell.*-enc\\b",
                "\\$\\{?input", "[ab]+cde\\.exe$", "[Rr][Uu][Nn]32\\s");
        List<String> values = List.of("IPCONFIG /all", "ipconfig   /all", "NET  Config", "abce", "abcde", "xywqqrs", "xzzwqqrs",
                "PowerShell.exe -Enc AAA", "${input}", "$input", "bbcde.exe", "x", "rUN32 ", "RUN32\t");
        for (String p : patterns) {
            String lit = RegexLiterals.required(p);
            assertTrue(!lit.isEmpty(), p);
            Pattern re = Pattern.compile(p);
            for (String v : values) {
                if (re.matcher(v).find()) assertTrue(v.toLowerCase(Locale.ROOT).contains(lit), p + " matched " + v + " without " + lit);
            }
        }
    }

    @Test
    void runsInTheOrderEveryMatchHoldsThem() {
        assertEquals(List.of("ipconfig", "/all"), RegexLiterals.runs("ipconfig\\s+/all"));
        assertEquals(List.of("+", "+", "+"), RegexLiterals.runs("\\+.*\\+.*\\+"));
        assertEquals(List.of("abcd", "tail"), RegexLiterals.runs("abcd+(x|y)tail"));
        assertEquals(List.of("ab", "cd"), RegexLiterals.runs("abx?cd"));
        assertEquals(List.of("Ru", "32"), RegexLiterals.runs("[Rr]u[a-z]32"));
        assertEquals(List.of(), RegexLiterals.runs("foo|bar"));
        assertEquals(List.of(), RegexLiterals.runs("(unclosed"));
    }

    @Test
    void theRunsInOrderAreTheWholeMatchesShape() {
        String[] runs = RegexLiterals.runs("\\+.*\\{.*\\+").toArray(String[]::new);
        assertTrue(RegexTest.inOrder("a+b{c+", runs));
        assertFalse(RegexTest.inOrder("a+b{c", runs));
        assertFalse(RegexTest.inOrder("a{b+c", runs));
        // not overlapping: "+{+" needs two plus signs
        assertFalse(RegexTest.inOrder("+{", runs));
        assertTrue(RegexTest.inOrder("ANYTHING", new String[0]));
    }

    /**
     * The gate before RE2/J never refuses a value RE2/J matches: case folding beyond ASCII (long s, Kelvin sign,
     * dotted and dotless i), both regex flags, and each SigmaHQ Windows regex over values built to match it.
     */
    @Test
    void theGateNeverRefusesAValueTheRegexMatches() {
        List<String> patterns = List.of("(?i)sekurlsa.*logon", "(?i)kerberos::", "\\+.*\\+.*\\+", "(?i)[Rr][Uu][Nn]dll32(?:\\.exe)? \\S+:",
                "net\\s+user\\s+", "(?i)Invoke-Mimikatz", "ipconfig\\s+/all");
        List<String> values = List.of("\u017fekurl\u017fa::LOGONpasswords", "SEKURLSA logon", "\u212aERBEROS::list", "a+b+c+", "+++",
                "RUNDLL32.EXE c:a:", "run\u0130dll32", "net  user  x", "NET USER x", "INVOKE-MIMIKATZ", "ipconfig /all", "x");
        for (String p : patterns) {
            String[] runs = RegexLiterals.runs(p).toArray(String[]::new);
            Pattern re = Pattern.compile(p);
            for (String v : values) {
                if (re.matcher(v).find()) {
                    assertTrue(RegexTest.inOrder(v, runs), p + " matched " + v + " but the gate refused it");
                }
            }
        }
        // the long s and the Kelvin sign do match case-insensitively: the loop above is not vacuous there
        assertTrue(Pattern.compile("(?i)sekurlsa.*logon").matcher("\u017fekurl\u017fa::LOGONpasswords").find());
        assertTrue(Pattern.compile("(?i)kerberos::").matcher("\u212aERBEROS::list").find());
    }

    @Test
    void onlyRunsWithoutLettersJoinedByDotStarsDecide() {
        assertTrue(RegexLiterals.onlyRuns("\\+.*\\+.*\\+"));
        assertTrue(RegexLiterals.onlyRuns("`.*`.*`"));
        assertTrue(RegexLiterals.onlyRuns("1 .*-2"));
        assertFalse(RegexLiterals.onlyRuns("a.*b"), "letters fold case");
        assertFalse(RegexLiterals.onlyRuns("\\+.*?\\+"));
        assertFalse(RegexLiterals.onlyRuns("\\+.+\\+"));
        assertFalse(RegexLiterals.onlyRuns("^\\+.*\\+"));
        assertFalse(RegexLiterals.onlyRuns("\\d.*\\+"));
        assertFalse(RegexLiterals.onlyRuns(".*"));
        assertFalse(RegexLiterals.onlyRuns("[+].*\\+"));
    }

    /** Where the runs decide, the regex test gives RE2/J's answer: values with and without line breaks, DOTALL or not. */
    @Test
    void whereTheRunsDecideTheAnswerIsRe2s() {
        List<String> patterns = List.of("\\+.*\\+.*\\+", "\\{.*\\{", "`.*`.*`.*`.*`", "\\^.*\\^", "1 .*-2", "\\\\.*\\.");
        List<String> values = List.of("a+b+c+", "a+b+c", "+\n+\n+", "++\n+", "+++", "x{y{", "x{\ny{", "`a`b`c`d`", "````",
                "^^", "^\n^", "1 x-2", "1 -2", "1-2", "c:\\x.exe", "c:\\x", "", "\u00e9+\u00e9+\u00e9+\r");
        int decided = 0;
        for (String p : patterns) {
            assertTrue(RegexLiterals.onlyRuns(p), p);
            for (boolean dotall : new boolean[] {false, true}) {
                RegexTest t = new RegexTest(p, false, false, dotall);
                Pattern re = Pattern.compile(p, dotall ? Pattern.DOTALL : 0);
                for (String v : values) {
                    boolean expected = re.matcher(v).find();
                    if (expected) decided++;
                    assertEquals(expected, t.test(v, null), p + (dotall ? " (dotall)" : "") + " on " + v);
                }
            }
        }
        assertTrue(decided > 20, "matches: " + decided);
    }
}
