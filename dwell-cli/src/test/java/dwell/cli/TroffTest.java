package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each escaping rule of troff input (groff(7), man(7)), and that groff gives back exactly the text escaped. */
class TroffTest {
    @Test
    void backslashIsThePrintableEscapeCharacter() {
        assertEquals("C:\\eWindows\\eTemp", Troff.text("C:\\Windows\\Temp"));
    }

    @Test
    void hyphenIsAMinusThatPastesAsADash() {
        assertEquals("\\-\\-out, built\\-in", Troff.text("--out, built-in"));
    }

    @Test
    void aLineStartingWithAControlCharacterIsGuarded() {
        assertEquals("\\&.dwell\\-output\n\\&.TH x\nend.", Troff.text(".dwell-output\n.TH x\nend."));
        assertEquals("\\(aqexpand\\(aq", Troff.text("'expand'"));
        assertEquals("a.b", Troff.text("a.b"));
    }

    @Test
    void quotesAreLiteralNotTypographic() {
        assertEquals("\\(aqa\\(aq \\(gab\\(ga \"c\"", Troff.text("'a' `b` \"c\""));
    }

    @Test
    void nonAsciiGoesByItsUnicodeName() {
        assertEquals("caf\\[u00E9] \\[u2192] \\[u1F600]", Troff.text("caf\u00e9 \u2192 \ud83d\ude00"));
    }

    @Test
    void controlCharactersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Troff.text("a\u001bb"));
        assertEquals("control character U+001B has no troff form", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Troff.text("a\tb"));
    }

    @Test
    void macroArgumentsAreQuotedOnOneLine() {
        assertEquals("\"say \\(dqhi\\(dq \\- now\"", Troff.argument("say \"hi\" - now"));
        assertEquals("\"a b\"", Troff.argument("a\nb"));
    }

    @Test
    void fontsWrapEscapedText() {
        assertEquals("\\fB\\-\\-out\\fR", Troff.bold("--out"));
        assertEquals("\\fI\\e\\fR", Troff.italic("\\"));
    }

    @Test
    void groffRendersTheEscapedTextAsItWas() throws Exception {
        String hostile = ".start 'quoted' `ticks` \\n(.l \\fB \"dq\" --a-b %n %% \u00e9\u00df \u2192 \ud83d\ude00 ~^|{}[]<>";
        String page = ".TH X 1\n.SH TEXT\n" + Troff.text(hostile) + "\n";
        assertEquals(hostile, ManPageRendering.groffText(page).strip().replaceAll("\\s+", " "));
    }
}
