package dwell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import org.junit.jupiter.api.Test;

/** The rules every writer applies to evidence text. */
class SafeTextTest {
    @Test
    void hiddenAreControlsFormatCharactersAndSeparators() {
        for (int c = 0; c < 0x20; c++) assertTrue(SafeText.isHidden(c), "C0 " + c);
        for (int c = 0x7f; c < 0xa0; c++) assertTrue(SafeText.isHidden(c), "DEL and C1 " + c);
        for (int c : new int[] {0x00ad, 0x061c, 0x200b, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066,
                0x2069, 0xfeff, 0xe0001, 0xe0041}) {
            assertTrue(SafeText.isHidden(c), Integer.toHexString(c));
        }
        for (int c : new int[] {' ', 'a', '~', '\\', 0xa0, 0xe9, 0x4e2d, 0xfffd, 0x1f600}) {
            assertFalse(SafeText.isHidden(c), Integer.toHexString(c));
        }
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacter() {
        assertEquals("a\ufffdb", SafeText.wellFormed("a\ud800b"));
        assertEquals("a\ufffdb", SafeText.wellFormed("a\udc00b"));
        assertEquals("\ufffd", SafeText.wellFormed("\ud83d"));
        assertEquals("\ufffd\ufffd", SafeText.wellFormed("\ude00\ud83d"), "halves in the wrong order are both lone");
        assertEquals("\ud83d\ude00\ufffd", SafeText.wellFormed("\ud83d\ude00\ude00"));
        String fine = "C:\\Users\\ü\\\ud83d\ude00.txt";
        assertSame(fine, SafeText.wellFormed(fine), "nothing copied when nothing is wrong");
        assertNull(SafeText.wellFormed(null));
    }

    @Test
    void wellFormedTextEncodesAsStrictUtf8() throws CharacterCodingException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) all.append((char) c);
        String s = SafeText.wellFormed(all.toString());
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
        // every surrogate of the run is lone but U+DBFF U+DC00, where the high and the low halves meet
        assertEquals(0x800 - 2, s.chars().filter(c -> c == 0xfffd).count() - 1);
        assertEquals("\udbff\udc00", s.substring(0xdbff, 0xdc01));
    }

    @Test
    void visibleEscapesEveryHiddenCharacter() {
        assertEquals("\\x1b[31mred\\x1b[0m", SafeText.visible("\u001b[31mred\u001b[0m"));
        assertEquals("a\\x00b\\x07c\\x7fd", SafeText.visible("a\u0000b\u0007c\u007fd"));
        assertEquals("\\x9b2J and \\x85", SafeText.visible("\u009b2J and \u0085"));
        assertEquals("invoice\\u202efdp.exe", SafeText.visible("invoice\u202efdp.exe"));
        assertEquals("ad\\u200bmin", SafeText.visible("ad\u200bmin"));
        assertEquals("tag\\U000e0041", SafeText.visible("tag\udb40\udc41"));
        assertEquals("line1\\x0aline2\\x0d\\x0a\\x09x", SafeText.visible("line1\nline2\r\n\tx"));
        assertEquals("lone \ufffd and \ud83d\ude00", SafeText.visible("lone \ud800 and \ud83d\ude00"));
        assertEquals("C:\\Windows\\x.exe", SafeText.visible("C:\\Windows\\x.exe"), "backslashes stay as they are");
    }

    @Test
    void visibleLinesKeepsLineBreaksAndTabsOnly() {
        assertEquals("a\nb\r\nc\td", SafeText.visibleLines("a\nb\r\nc\td"));
        assertEquals("a\\x0db", SafeText.visibleLines("a\rb"), "a lone CR could overwrite the line");
        assertEquals("x\\x0d", SafeText.visibleLines("x\r"));
        assertEquals("\\x1b]0;title\\x07\n", SafeText.visibleLines("\u001b]0;title\u0007\n"));
    }

    @Test
    void textWithoutHiddenCharactersIsReturnedAsIs() {
        String s = "GET /owa/auth/x.aspx?a=b&c=é 中文 \ud83d\ude00";
        assertSame(s, SafeText.visible(s));
        assertSame(s, SafeText.visibleLines(s));
        assertNull(SafeText.visible(null));
    }

    @Test
    void escapesHaveTheWidthOfTheirRange() {
        StringBuilder b = new StringBuilder();
        SafeText.appendEscape(b, 0x1b);
        SafeText.appendEscape(b, 0x9b);
        SafeText.appendEscape(b, 0x202e);
        SafeText.appendEscape(b, 0xe007f);
        assertEquals("\\x1b\\x9b\\u202e\\U000e007f", b.toString());
    }
}
