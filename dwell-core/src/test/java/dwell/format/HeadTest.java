package dwell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What sniffing sees of an item: its name, its bytes, and when they are text its leading directives and first line. */
class HeadTest {
    private static Head head(String name, String text, Charset cs) {
        byte[] b = text.getBytes(cs);
        return Head.of(name, b, b.length);
    }

    private static Head head(String text) {
        return head("x", text, StandardCharsets.UTF_8);
    }

    @Test
    void theNameInLowerCaseWithForwardSlashes() {
        Head h = head("C:\\inetpub\\logs\\W3SVC1\\U_EX210302.LOG", "a", StandardCharsets.UTF_8);
        assertEquals("c:/inetpub/logs/w3svc1/u_ex210302.log", h.name());
        assertEquals("u_ex210302.log", h.fileName());
    }

    @Test
    void directivesAreTheLeadingHashLinesOnly() {
        Head h = head("\r\n#Software: IIS\r\n\r\n#fields: a b\r\n  \r\nfirst line\r\n#Log-type: late\r\n");
        assertTrue(h.hasDirectives());
        assertEquals("IIS", h.directive("#Software:"));
        assertEquals("a b", h.directive("#Fields:"), "prefix case-insensitive, value stripped");
        assertNull(h.directive("#Log-type:"), "a directive after the first data line does not count");
        assertEquals("first line", h.firstData());
    }

    @Test
    void theFirstDirectiveWithAPrefixCounts() {
        assertEquals("one", head("#Fields: one\n#Fields: two\n").directive("#Fields:"));
    }

    @Test
    void noDataLineIsEmpty() {
        Head h = head("#Version: 1.0\n\n");
        assertEquals("", h.firstData());
        assertFalse(head("data\n").hasDirectives());
    }

    @Test
    void utf8AndUtf16WithOrWithoutBomAreText() {
        String t = "#Fields: date time\r\n2021-03-02 07:00:00\r\n";
        assertEquals(t, head("x", "\ufeff" + t, StandardCharsets.UTF_8).text());
        assertEquals(t, head("x", "\ufeff" + t, StandardCharsets.UTF_16LE).text());
        assertEquals(t, head("x", "\ufeff" + t, StandardCharsets.UTF_16BE).text());
        assertEquals(t, head("x", t, StandardCharsets.UTF_16LE).text(), "ASCII text leaves every other byte zero");
        assertEquals("2021-03-02 07:00:00", head("x", t, StandardCharsets.UTF_16LE).firstData());
    }

    @Test
    void binaryIsNoText() {
        assertNull(Head.of("x", new byte[0], 0).text());
        assertNull(Head.of("x", new byte[] {'a', 'b', 0, 'c'}, 4).text(), "a NUL byte");
        byte[] controls = new byte[100];
        java.util.Arrays.fill(controls, (byte) 'a');
        for (int i = 0; i < 6; i++) controls[i * 10] = 1;
        assertNull(Head.of("x", controls, 100).text(), "more than one control character in 20");
        controls[0] = 'a';
        assertEquals(100, Head.of("x", controls, 100).text().length(), "one in 20 is still text (ANSI escapes are allowed)");
    }

    @Test
    void magicNumbersOnTheBytes() {
        byte[] b = "ElfFile\0rest".getBytes(StandardCharsets.ISO_8859_1);
        byte[] magic = "ElfFile\0".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Head.of("x", b, b.length).startsWith(magic));
        assertFalse(Head.of("x", b, 7).startsWith(magic), "only the bytes read count");
    }
}
