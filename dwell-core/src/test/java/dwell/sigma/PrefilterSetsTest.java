package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The prefilter's literal sets: an and needs a literal of each operand's set, so a rule runs only on events holding
 * one of each; an or needs each union of one set per operand. Sets after the tightest have no short literal.
 */
class PrefilterSetsTest {
    private static Matcher bound(String detection) {
        RuleSet set = new RuleLoader().loadText("t.yml", SigmaTesting.rule(detection));
        assertEquals(1, set.rules().size(), set.rejected().toString());
        return Binder.bind(set.rules().get(0).detection(), f -> new String[] {f});
    }

    /** Each set as its sorted texts. */
    private static List<Set<String>> texts(Matcher m) {
        List<Set<String>> out = new ArrayList<>();
        for (Set<Matcher.Literal> s : m.required()) {
            Set<String> t = new TreeSet<>();
            for (Matcher.Literal l : s) t.add(l.text());
            out.add(t);
        }
        return out;
    }

    private static final String CMD_RMDIR = "sel_img:\n    Image|endswith: '\\\\cmd.exe'\nsel_cli:\n    CommandLine|contains: 'rmdir /s'\n"
            + "condition: all of sel_*";

    @Test
    void anAndNeedsALiteralOfEachOperand() {
        assertEquals(List.of(Set.of("rmdir /s"), Set.of("\\cmd.exe")), texts(bound(CMD_RMDIR)), "tightest first");
    }

    @Test
    void anOrNeedsEachUnionOfOneSetPerOperand() {
        Matcher m = bound("a:\n    Image|contains: '\\\\windows\\\\'\n    CommandLine|contains: '\\\\..\\\\windows\\\\'\n"
                + "b:\n    CommandLine|contains: '.exe\\\\..\\\\'\ncondition: a or b");
        assertEquals(List.of(Set.of("\\..\\windows\\", ".exe\\..\\"), Set.of("\\windows\\", ".exe\\..\\")), texts(m));
    }

    @Test
    void allOfAFieldsValuesNeedsEachValuesLiteral() {
        Matcher m = bound("sel:\n    CommandLine|contains|all:\n        - 'sekurlsa'\n        - 'logonpasswords'\ncondition: sel");
        assertEquals(List.of(Set.of("logonpasswords"), Set.of("sekurlsa")), texts(m));
    }

    @Test
    void aSetAfterTheTightestHasNoShortLiteral() {
        // "rd " would let the CommandLine automaton skip at most three characters at a time
        Matcher m = bound("sel_img:\n    Image|endswith: '\\\\cmd.exe'\nsel_cli:\n    CommandLine|contains:\n        - 'rmdir'\n"
                + "        - 'rd '\ncondition: all of sel_*");
        assertEquals(List.of(Set.of("\\cmd.exe")), texts(m));
    }

    private static final String DOUBLE_EXTENSION = "sel:\n    Image|endswith:\n        - '\u2800\u2800.exe'\n        - '.pdf.exe'\n"
            + "condition: sel";

    @Test
    void aShortAsciiRunBesideANonAsciiCharacterGivesWayToThatCharacter() {
        // ".exe" is in most images, a Braille blank in few
        assertEquals(List.of(Set.of(Matcher.Literal.NON_ASCII, ".pdf.exe")), texts(bound(DOUBLE_EXTENSION)));
        assertEquals(List.of(Set.of("report.pdf")), texts(bound("sel:\n    Image|contains: '\u2800report.pdf'\ncondition: sel")));
    }

    @Test
    void aDoubleExtensionPaddedWithBrailleBlanksRunsOnlyWhereTheImageHasANonAsciiCharacter() {
        RuleSet set = new RuleLoader().loadText("t.yml", SigmaTesting.rule(DOUBLE_EXTENSION));
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        assertEquals(0, engine.candidates(SigmaTesting.event("EventID", "1", "Image", "C:\\Windows\\System32\\cmd.exe")));
        var padded = SigmaTesting.event("EventID", "1", "Image", "C:\\Users\\x\\invoice\u2800\u2800.EXE");
        assertEquals(1, engine.candidates(padded));
        List<Integer> hits = new ArrayList<>();
        engine.match(padded, (i, r) -> hits.add(i));
        assertEquals(List.of(0), hits);
    }

    @Test
    void theEngineRunsTheRuleOnlyWhereEachSetHasALiteral() {
        RuleSet set = new RuleLoader().loadText("t.yml", SigmaTesting.rule(CMD_RMDIR));
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        String image = "C:\\Windows\\System32\\cmd.exe";
        assertEquals(0, engine.candidates(SigmaTesting.event("EventID", "1", "Image", image, "CommandLine", "cmd /c dir")));
        assertEquals(0, engine.candidates(SigmaTesting.event("EventID", "1", "Image", "C:\\x.exe", "CommandLine", "rmdir /s x")));
        assertEquals(1, engine.candidates(SigmaTesting.event("EventID", "1", "Image", image, "CommandLine", "cmd /c RMDIR /S x")));
    }
}
