package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoder gives what the JDK's UTF-16LE decoder gives, wherever a character outside Latin-1 stands. */
class Utf16Test {
    @Test
    void decodesAsTheJdkDoes() {
        Random rnd = new Random(20);
        Utf16 text = new Utf16();
        char[] alphabet = {'a', 'Z', '0', ' ', '\\', 'é', 'ÿ', '\u0100', 'Ā', '名', '\u2028', '\0'};
        for (int round = 0; round < 20_000; round++) {
            char[] c = new char[rnd.nextInt(40)];
            for (int i = 0; i < c.length; i++) c[i] = alphabet[rnd.nextInt(rnd.nextInt(4) == 0 ? alphabet.length : 7)];
            String s = new String(c);
            byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
            int off = rnd.nextInt(5);
            byte[] b = new byte[off + utf16.length + rnd.nextInt(5)];
            System.arraycopy(utf16, 0, b, off, utf16.length);
            assertEquals(s, text.chars(b, off, c.length), s);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '\0') end--;
            assertEquals(s.substring(0, end), text.trimmed(b, off, utf16.length), s);
        }
    }
}
