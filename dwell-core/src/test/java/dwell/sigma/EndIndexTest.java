package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.MapEvent;
import dwell.event.LogSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A field item's suffix and equality tests indexed by the value's last character: the same answers as running all. */
class EndIndexTest {
    private static final String[] PATTERNS = {
        "*\\cmd.exe", "*\\powershell.exe", "*\\rundll32.exe", "*\\regsvr32.exe", "*.dll", "*\\", "*kelvin",
        "C:\\Windows\\explorer.exe", "*\u00e9t\u00e9", "*\u0130", "*\u212a", "*whoami*", "net *user*", "*",
        "*Temp\\?.exe", "", "*ISTANBUL", "*STRASSE",
    };

    private static final String[] VALUES = {
        "C:\\Windows\\System32\\cmd.exe", "C:\\WINDOWS\\SYSTEM32\\CMD.EXE", "c:\\x\\POWERSHELL.EXE", "a.DLL", "a.dlL",
        "C:\\", "\u212aELVIN", "KELVIN", "kelvi\u212a", "C:\\Windows\\Explorer.EXE", "\u00c9T\u00c9", "ETE",
        "\u0130STANBUL", "istanbu\u0131", "stra\u017f\u017fe", "STRASSE", "whoami /all", "net localuser", "", "x",
        "C:\\Temp\\a.exe", "istanbul\u0130", "rundll32.exe", "\\rundll32.ex\u0045",
    };

    @Test
    void theIndexAnswersAsEveryTestWould() {
        for (boolean cased : new boolean[] {false, true}) {
            List<ValueTest> tests = new ArrayList<>();
            for (String p : PATTERNS) tests.add(new StringTest(SigmaString.parse(p), cased));
            ValueTest[] ts = tests.toArray(ValueTest[]::new);
            for (boolean negate : new boolean[] {false, true}) {
                String[] names = {"Image"};
                Matcher.Field indexed = new Matcher.Field(names, ts, false, negate, null);
                Matcher.Field plain = new Matcher.Field(names, FieldSlots.of(names), ts, false, negate, null, null);
                if (cased) assertEquals(ts.length, indexed.ends().candidates("C:\\x.exe").length, "cased tests are not indexed");
                for (String v : VALUES) {
                    EventView view = new EventView().reset(event(v));
                    assertEquals(plain.matches(view), indexed.matches(view), v + (cased ? " (cased)" : "") + (negate ? " (negated)" : ""));
                }
                EventView absent = new EventView().reset(event(null));
                assertEquals(plain.matches(absent), indexed.matches(absent));
            }
        }
    }

    @Test
    void aValueMeetsOnlyTheTestsItsLastCharacterAllows() {
        ValueTest cmd = test("*\\cmd.exe");
        ValueTest dll = test("*.dll");
        ValueTest ps = test("*\\powershell.exe");
        ValueTest slash = test("*\\");
        ValueTest contains = test("*whoami*");
        EndIndex index = EndIndex.of(new ValueTest[] {cmd, dll, contains, ps, slash});
        assertNotNull(index);
        assertEquals(List.of(cmd, contains, ps), Arrays.asList(index.candidates("C:\\X\\CMD.EXE")));
        assertEquals(List.of(dll, contains), Arrays.asList(index.candidates("a.dlL")));
        assertEquals(List.of(contains), Arrays.asList(index.candidates("whoami /priv")));
        // outside ASCII and empty values meet every test: folding there is wider than ASCII case
        assertEquals(5, index.candidates("\u212a").length);
        assertEquals(5, index.candidates("").length);
    }

    @Test
    void fewSuffixTestsOrAllOfThemNeededAreNotIndexed() {
        assertNull(EndIndex.of(new ValueTest[] {test("*a"), test("*b"), test("*c")}));
        ValueTest[] mixed = {test("*a"), test("*b"), test("*c"), test("*x*"), test("*y*")};
        assertEquals(5, EndIndex.of(mixed).candidates("xa").length, "three suffix tests: every test runs");
        ValueTest[] four = {test("*a"), test("*b"), test("c"), test("*d")};
        assertEquals(List.of(four[1]), Arrays.asList(EndIndex.of(four).candidates("zzB")));
        assertNull(new Matcher.Field(new String[] {"Image"}, four, true, false, null).ends());
        assertTrue(new Matcher.Field(new String[] {"Image"}, four, false, false, null).ends() != null);
        assertFalse(new Matcher.Field(new String[] {"Image"}, four, false, false, null)
                .matches(new EventView().reset(event("xyz"))));
    }

    private static ValueTest test(String pattern) {
        return new StringTest(SigmaString.parse(pattern), false);
    }

    private static MapEvent event(String image) {
        Map<String, String> f = new LinkedHashMap<>();
        if (image != null) f.put("Image", image);
        return new MapEvent(null, null, LogSource.NONE, f, null, null, null);
    }
}
