package dwell.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buffer encodes exactly as {@code String.getBytes(UTF_8)} does, lone surrogates included. */
class Utf8BufferTest {
    private static byte[] bytes(Utf8Buffer b) {
        return Arrays.copyOf(b.array(), b.size());
    }

    private static void assertEncodes(String s) {
        Utf8Buffer b = new Utf8Buffer(0);
        b.append(s);
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes(b), () -> "U+" + s.codePoints().mapToObj(Integer::toHexString).toList());
    }

    @Test
    void everyCharacterAloneAndBetweenOthers() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            assertEncodes("a" + (char) c + "b");
            assertEncodes(String.valueOf((char) c));
            all.append((char) c);
        }
        assertEncodes(all.toString());
    }

    @Test
    void surrogatePairsAndLoneHalves() {
        for (String s : List.of("\ud83d\ude00", "\udbff\udfff", "\ud800\udc00", "\ud800", "\udc00", "x\ud800", "\udc00x",
                "\ude00\ud83d", "\ud83d\ud83d\ude00", "\ud83d\ude00\ude00", "\udb40\udc41 tag")) {
            assertEncodes(s);
        }
    }

    @Test
    void aRangeEndingInsideAPairTakesTheHighHalfAsLone() {
        String s = "a\ud83d\ude00b";
        Utf8Buffer b = new Utf8Buffer(0);
        b.append(s, 0, 2).append(s, 3, 4);
        assertArrayEquals("a?b".getBytes(StandardCharsets.UTF_8), bytes(b));
        assertEquals("\ud83d\ude00", new Utf8Buffer(4).append(s, 1, 3).toString());
    }

    @Test
    void codePointsNumbersAndMarkup() {
        Utf8Buffer b = new Utf8Buffer(1);
        b.ascii('<').ascii("a x=\"").decimal(Long.MIN_VALUE).ascii(' ').decimal(0).ascii(' ').decimal(917_569);
        for (int cp : new int[] {0x41, 0xe9, 0x20ac, 0xfffd, 0x1f600, 0x10ffff, 0xd800}) b.codePoint(cp);
        String expected = "<a x=\"-9223372036854775808 0 917569A\u00e9\u20ac\ufffd\ud83d\ude00\udbff\udfff?";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), bytes(b));
        assertEquals(expected.replace('\ud800', '?'), b.toString());
    }

    @Test
    void growsPastItsCapacityKeepingEverything() {
        Utf8Buffer b = new Utf8Buffer(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            String piece = i % 3 == 0 ? "\u00e9t\u00e9 " : i % 3 == 1 ? "\ud83d\ude00" : Integer.toString(i);
            b.append(piece);
            expected.append(piece);
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), bytes(b));
        assertEquals(expected.toString(), b.toString());
    }

    @Test
    void charsOfAnyTextAndArraysEncodeAsStrings() {
        Utf8Buffer b = new Utf8Buffer(0);
        String wide = "\ufeffPowerShell \u00e9\ud83d\ude00 " + "x".repeat(1000);
        for (CharSequence s : List.of("latin \u00e9", wide, new StringBuilder(wide), java.nio.CharBuffer.wrap(wide), "")) {
            char[] c = b.chars(s);
            assertEquals(s.toString(), new String(c, 0, s.length()));
            int before = b.size();
            b.append(c, 0, s.length());
            assertArrayEquals(s.toString().getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b.array(), before, b.size()));
        }
        char[] pair = "a\ud83d\ude00".toCharArray();
        assertEquals("a?", new Utf8Buffer(2).append(pair, 0, 2).toString());
        assertEquals("\ud83d\ude00", new Utf8Buffer(2).append(pair, 1, 3).toString());
        assertEquals("?", new Utf8Buffer(2).append(pair, 2, 3).toString());
    }

    @Test
    void decimalsAreLongToString() {
        java.util.Random r = new java.util.Random(20);
        Utf8Buffer b = new Utf8Buffer(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            long v = switch (i) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> -1;
                case 3 -> 9;
                case 4 -> 10;
                // where the int arithmetic ends and the long one begins
                case 5 -> Integer.MAX_VALUE;
                case 6 -> Integer.MAX_VALUE + 1L;
                case 7 -> Integer.MIN_VALUE;
                case 8 -> 0;
                case 9 -> 999_999_999;
                case 10 -> 1_000_000_000;
                default -> r.nextLong() >> r.nextInt(64);
            };
            b.decimal(v).ascii(' ');
            expected.append(v).append(' ');
        }
        assertEquals(expected.toString(), b.toString());
    }

    @Test
    void bytesAndRoomWrittenInPlaceAndClearedForReuse() {
        Utf8Buffer b = new Utf8Buffer(1).ascii('<');
        b.bytes("na\u00efve".getBytes(StandardCharsets.UTF_8));
        b.bytes(",-\u00e9".getBytes(StandardCharsets.UTF_8), 1, 2);
        byte[] room = b.room(3);
        int at = b.size();
        room[at] = '/';
        room[at + 1] = '>';
        b.size(at + 2);
        assertEquals("<na\u00efve-/>", b.toString());
        int capacity = b.array().length;
        b.clear();
        assertEquals(0, b.size());
        assertEquals("x", b.ascii('x').toString());
        assertEquals(capacity, b.array().length, "the array is kept");
    }

    @Test
    void plainRunsAreCopiedUpToTheFirstCharacterToEscapeOrBeyondLatin1() {
        PlainAscii json = new PlainAscii("\"\\", "");
        String plain = "C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe -nop";
        // short strings are read char by char, longer ones copied as Latin-1: every length, every stopping character
        // at every place; U+0141 and U+4E41 end in the byte of 'A', which a copy of the low bytes would pass as plain
        for (int n = 0; n <= plain.length(); n++) {
            assertPlain(json, plain.substring(0, n), n);
            for (int at = 0; at < n; at++) {
                for (char stop : new char[] {'"', '\\', '?', '\n', '\u007f', '\u00e9', '\u0141', '\u4e41', '\ud83d'}) {
                    assertPlain(json, plain.substring(0, at) + stop + plain.substring(at + 1, n), at);
                }
            }
        }
    }

    @Test
    void aSurrogatePairStopsThePlainRunWhereverItStands() {
        PlainAscii json = new PlainAscii("\"\\", "");
        String plain = "C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe -nop";
        // a pair encodes as one '?' in Latin-1, one byte fewer than the string's chars: no word may be read past them
        for (int n = 2; n <= plain.length(); n++) {
            for (int at = 0; at + 2 <= n; at++) {
                assertPlain(json, plain.substring(0, at) + "\ud83d\ude00" + plain.substring(at + 2, n), at);
            }
        }
    }

    private static void assertPlain(PlainAscii plain, String s, int run) {
        Utf8Buffer b = new Utf8Buffer(0);
        b.ascii('[');
        assertEquals(run, b.plain(s, plain), s);
        assertEquals("[" + s.substring(0, run), b.toString(), s);
    }
}
