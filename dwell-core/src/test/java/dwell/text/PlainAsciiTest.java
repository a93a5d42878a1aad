package dwell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which bytes a format copies as they are: printable ASCII but its escapes and '?', and the controls it names. */
class PlainAsciiTest {
    private static boolean xmlPlain(int c) {
        return c >= 0x20 && c < 0x7f && "&<>\"?".indexOf(c) < 0 || c == '\t' || c == '\n' || c == '\r';
    }

    @Test
    void everyByteAtEveryPlaceOfWordsAndTailEndsTheRunExactlyWhenNotPlain() {
        PlainAscii attribute = new PlainAscii("&<>\"", "\t\n\r");
        for (int c = 0; c < 256; c++) {
            for (int at = 0; at < 27; at++) {
                byte[] b = new byte[27];
                Arrays.fill(b, (byte) 'a');
                b[at] = (byte) c;
                assertEquals(xmlPlain(c) ? 27 : at, attribute.end(b, 0, 27), "byte " + c + " at " + at);
                // from an offset that is not a word's multiple, and ending early
                assertEquals(xmlPlain(c) || at < 3 || at >= 20 ? 20 : at, attribute.end(b, 3, 20), "byte " + c + " at " + at);
            }
        }
    }

    @Test
    void theRunEndsAtTheFirstByteOutsideOrAtTheEnd() {
        PlainAscii json = new PlainAscii("\"\\", "");
        byte[] b = "C:\\Windows\\System32\\x.exe -enc \"q\"".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(2, json.end(b, 0, b.length));
        assertEquals(10, json.end(b, 3, b.length));
        assertEquals(19, json.end(b, 11, b.length));
        assertEquals(31, json.end(b, 20, b.length));
        assertEquals(5, json.end(b, 5, 5));
        assertEquals(0, json.end("\t".getBytes(StandardCharsets.US_ASCII), 0, 1));
    }

    @Test
    void moreThanFourEscapedCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PlainAscii("&<>\"'", ""));
    }
}
