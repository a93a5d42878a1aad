package dwell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which bytes a format copies as they are: printable ASCII but its escapes and '?', and the controls it names. */
class PlainAsciiTest {
    @Test
    void everyByteAloneIsPlainExactlyWhenTheFormatCopiesIt() {
        PlainAscii xml = new PlainAscii("&<>", "\t\n\r");
        for (int c = 0; c < 256; c++) {
            boolean plain = c >= 0x20 && c < 0x7f && "&<>?".indexOf(c) < 0 || c == '\t' || c == '\n' || c == '\r';
            byte[] b = {'a', (byte) c, 'b'};
            assertEquals(plain ? 3 : 1, xml.end(b, 0, 3), "byte " + c);
        }
    }

    @Test
    void theRunEndsAtTheFirstByteOutsideOrAtTheEnd() {
        PlainAscii json = new PlainAscii("\"\\", "");
        byte[] b = "C:\\Windows\\x.exe".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(2, json.end(b, 0, b.length));
        assertEquals(10, json.end(b, 3, b.length));
        assertEquals(b.length, json.end(b, 11, b.length));
        assertEquals(5, json.end(b, 5, 5));
        assertEquals(0, json.end("\t".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 1));
    }
}
