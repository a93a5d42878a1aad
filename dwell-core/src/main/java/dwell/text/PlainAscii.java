package dwell.text;

/**
 * The ASCII characters an output format copies as they are (it escapes the rest), and the search for the first byte
 * outside them. {@code '?'} is never plain here: Latin-1 encoding writes it for the characters it cannot hold, so a
 * run of plain bytes of a string encoded so is the string's own characters ({@link Utf8Buffer#plain}).
 */
public final class PlainAscii {
    private final boolean[] plain = new boolean[0x80];

    /** Printable ASCII (0x20 to 0x7e) but {@code escaped} and {@code '?'}, and the controls in {@code controls}. */
    public PlainAscii(String escaped, String controls) {
        for (char c = 0x20; c < 0x7f; c++) plain[c] = escaped.indexOf(c) < 0 && c != '?';
        for (char c : controls.toCharArray()) plain[c] = true;
    }

    /** The index of the first byte of {@code b[from, to)} that is not plain, or {@code to}. */
    public int end(byte[] b, int from, int to) {
        int i = from;
        for (byte c; i < to && (c = b[i]) >= 0 && plain[c]; i++) {
            // values are short (ten bytes on average in the dump): a word-at-a-time test gained nothing
        }
        return i;
    }
}
