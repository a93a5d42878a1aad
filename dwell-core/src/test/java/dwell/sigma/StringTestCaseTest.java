package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Equals, startswith and endswith agree with String.regionMatches (ignoring case) on ASCII and beyond. */
class StringTestCaseTest {
    private static final List<String> TEXTS = List.of("abc", "ABC", "aBc", "a\u212aelvin", "kelvin", "KELVIN", "\u212aELVIN", "\u0131sass",
            "isass", "ISASS", "\u0130sass", "\u017fs", "ss", "SS", "\u00e9t\u00e9", "\u00c9T\u00c9", "\ud83d\ude00x", "x\ud83d\ude00",
            "C:\\Windows\\System32\\cmd.exe", "c:\\windows\\system32\\CMD.EXE", "a-b_c", "A-B_C", "[x]", "{X}", "", "\u03a3\u0391\u03a3",
            "\u03c3\u03b1\u03c2", "abc\u00e9", "ABC\u00c9");

    @Test
    void sameAsRegionMatches() {
        for (String lit : TEXTS) {
            String lower = lit.toLowerCase(Locale.ROOT);
            for (boolean cased : new boolean[] {false, true}) {
                String l = cased ? lit : lower;
                StringTest eq = new StringTest(SigmaString.literal(lit), cased);
                StringTest pre = new StringTest(SigmaString.literal(lit).wrap(false, true), cased);
                StringTest suf = new StringTest(SigmaString.literal(lit).wrap(true, false), cased);
                for (String v : TEXTS) {
                    for (String value : List.of(v, v + "tail", "head" + v)) {
                        String what = "'" + lit + "' " + (cased ? "cased " : "") + "vs '" + value + "'";
                        if (lit.isEmpty()) continue;
                        assertEquals(value.length() == l.length() && value.regionMatches(!cased, 0, l, 0, l.length()),
                                eq.test(value, new EventView()), "equals " + what);
                        assertEquals(value.regionMatches(!cased, 0, l, 0, l.length()), pre.test(value, new EventView()), "startswith " + what);
                        assertEquals(value.length() >= l.length() && value.regionMatches(!cased, value.length() - l.length(), l, 0, l.length()),
                                suf.test(value, new EventView()), "endswith " + what);
                    }
                }
            }
        }
    }
}
