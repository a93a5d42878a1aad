package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches a terminal: every hidden character escaped, line ends and printable text as they were. */
class TerminalGuardTest {
    private static String through(Charset cs, String text) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(new TerminalGuard(sink, cs), true, cs);
        p.print(text);
        p.flush();
        return sink.toString(cs);
    }

    private static String utf8(String text) {
        return through(StandardCharsets.UTF_8, text);
    }

    @Test
    void escapeSequencesAndControlsAreShownNotObeyed() {
        assertEquals("\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 nul\\x00 del\\x7f bs\\x08", utf8("\u001b[31mred\u001b[0m \u001b]0;title\u0007 nul\u0000 del\u007f bs\b"));
    }

    @Test
    void lineEndsAndTabsPassButALoneCarriageReturnIsShown() {
        assertEquals("a\tb\nc\r\nd", utf8("a\tb\nc\r\nd"));
        assertEquals("progress\\x0dfake OK\n", utf8("progress\rfake OK\n"));
        assertEquals("end\\x0d", utf8("end\r"), "a CR nothing follows is shown at the flush");
    }

    @Test
    void c1ControlsBidiAndInvisibleCharactersAreShownInUtf8() {
        assertEquals("\\x9b2J \\x85 invoice\\u202efdp.exe ad\\u200bmin tag\\U000e0041", utf8("\u009b2J \u0085 invoice\u202efdp.exe ad\u200bmin tag\udb40\udc41"));
        assertEquals("é 中文 \ud83d\ude00 C:\\Windows\\x.exe ~", utf8("é 中文 \ud83d\ude00 C:\\Windows\\x.exe ~"));
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsBytes() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        TerminalGuard g = new TerminalGuard(sink, StandardCharsets.UTF_8);
        // a stray 0x9b (CSI to an 8-bit terminal), an overlong '/', an encoded surrogate, a cut sequence, then text
        g.write(new byte[] {'a', (byte) 0x9b, '2', 'J', (byte) 0xc0, (byte) 0xaf, (byte) 0xed, (byte) 0xa0, (byte) 0x80,
                (byte) 0xe2, (byte) 0x80, 'z'});
        g.flush();
        assertEquals("a\\x9b2J\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x80z", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCharacterSplitAcrossWritesIsDecodedWhole() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        TerminalGuard g = new TerminalGuard(sink, StandardCharsets.UTF_8);
        byte[] rlo = "\u202e".getBytes(StandardCharsets.UTF_8);
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        g.write(rlo, 0, 1);
        g.write(rlo, 1, 2);
        g.write(e, 0, 1);
        g.write(e, 1, 1);
        g.write('\r');
        g.write('\n');
        g.flush();
        assertEquals("\\u202eé\r\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void otherCharsetsHaveTheirControlsShownAndTheirLettersKept() {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        assertEquals("\\x1b[2Jcafé \\x9b2J", through(latin1, "\u001b[2Jcafé \u009b2J"));
        Charset cp1252 = Charset.forName("windows-1252");
        assertEquals("€ \\x1b", through(cp1252, "€ \u001b"), "0x80 is the euro sign in windows-1252");
    }

    @Test
    void dwellsJsonPassesUnchanged() {
        String json = Json.pretty(Json.object().put("v", "\u001b[31m \u009b \u202e \ud800 \r\n\t é"));
        assertEquals(json, utf8(json));
    }

    /** Bytes written in arrays of any size come out as the same bytes written one at a time. */
    @Test
    void arraysOfAnySizeGuardAsSingleBytesDo() throws IOException {
        java.util.Random r = new java.util.Random(11);
        byte[] alphabet = "abc \t\n\r\u001b\u007f\u0085\u202e\u00e9\u4e2d\ud83d\ude00~".getBytes(StandardCharsets.UTF_8);
        for (Charset cs : java.util.List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            for (int round = 0; round < 40; round++) {
                byte[] text = new byte[r.nextInt(10_000)];
                for (int k = 0; k < text.length; k++) {
                    // mostly text, with controls, cut and stray UTF-8 bytes among it
                    text[k] = r.nextInt(8) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
                }
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                TerminalGuard single = new TerminalGuard(one, cs);
                for (byte b : text) single.write(b);
                single.flush();
                ByteArrayOutputStream many = new ByteArrayOutputStream();
                TerminalGuard arrays = new TerminalGuard(many, cs);
                for (int at = 0; at < text.length; ) {
                    int n = Math.min(text.length - at, r.nextInt(round % 2 == 0 ? 9 : 12_000));
                    arrays.write(text, at, n);
                    at += n;
                }
                arrays.flush();
                org.junit.jupiter.api.Assertions.assertArrayEquals(one.toByteArray(), many.toByteArray(), cs + " round " + round);
            }
        }
    }
}
