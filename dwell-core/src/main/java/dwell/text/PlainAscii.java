package dwell.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ASCII characters an output format copies as they are (it escapes the rest), and the search for the first byte
 * outside them. {@code '?'} is never plain here: Latin-1 encoding writes it for the characters it cannot hold, so a
 * run of plain bytes of a string encoded so is the string's own characters ({@link Utf8Buffer#plain}).
 */
public final class PlainAscii {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** 0x20 in every byte: a byte below it is a control character. */
    private static final long SPACES = 0x2020202020202020L;

    private final boolean[] plain = new boolean[0x80];
    /**
     * The printable characters that are not plain (the escaped ones and {@code '?'}), each in all eight bytes of a
     * word; at most five, held in fields (a loop over an array cost C1 more than the test it saved).
     */
    private final long stop0;
    private final long stop1;
    private final long stop2;
    private final long stop3;
    private final long stop4;

    /**
     * Printable ASCII (0x20 to 0x7e) but the at most four {@code escaped} characters and {@code '?'}, and the controls
     * in {@code controls}.
     */
    public PlainAscii(String escaped, String controls) {
        if (escaped.length() > 4) throw new IllegalArgumentException("at most four escaped characters: " + escaped);
        for (char c = 0x20; c < 0x7f; c++) plain[c] = escaped.indexOf(c) < 0 && c != '?';
        for (char c : controls.toCharArray()) plain[c] = true;
        // unused stops repeat '?'
        String stops = (escaped + "?????").substring(0, 5);
        stop0 = ONES * stops.charAt(0);
        stop1 = ONES * stops.charAt(1);
        stop2 = ONES * stops.charAt(2);
        stop3 = ONES * stops.charAt(3);
        stop4 = ONES * stops.charAt(4);
    }

    /** Whether {@code c} is copied as it is. */
    public boolean plain(char c) {
        return c < 0x80 && plain[c];
    }

    /** The index of the first byte of {@code b[from, to)} that is not plain, or {@code to}. */
    public int end(byte[] b, int from, int to) {
        int i = from;
        // eight bytes a step while they are printable and no stop: the values of longer strings nearly always are
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONG.get(b, i);
            // a byte below 0x20 borrows into its high bit, one above 0x7e holds it or carries into it
            long unprintable = ((w - SPACES) & ~w | (w + ONES) | w) & HIGHS;
            if (unprintable != 0 || has(w, stop0) || has(w, stop1) || has(w, stop2)
                    || has(w, stop3) || has(w, stop4)) {
                break;
            }
        }
        // the word holding a stop or a control (which may be plain), and the tail, a byte at a time
        for (byte c; i < to && (c = b[i]) >= 0 && plain[c]; i++) {
            // counted only
        }
        return i;
    }

    /** Whether a byte of {@code w} equals the byte repeated in {@code stop}. */
    private static boolean has(long w, long stop) {
        long x = w ^ stop;
        return ((x - ONES) & ~x & HIGHS) != 0;
    }
}
