package dwell.cli;

/** UTF-8 lengths of text, counted as {@code String.getBytes(UTF_8)} encodes it. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The bytes {@code s[from, to)} takes in UTF-8; a surrogate without its pair (hostile evidence has them)
     * takes one, the {@code '?'} the JDK's encoder puts in its place.
     */
    static int length(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return n;
    }
}
