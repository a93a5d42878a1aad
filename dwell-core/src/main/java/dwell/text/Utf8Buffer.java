package dwell.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that text is encoded into as UTF-8 as it is written, so that output needs no intermediate
 * String or StringBuilder (each a copy, and a two-byte one as soon as one character is not Latin-1). It encodes as
 * {@code String.getBytes(UTF_8)} does: a surrogate without its other half becomes {@code '?'}.
 */
public final class Utf8Buffer {
    private byte[] bytes;
    private int size;

    /** An empty buffer with room for {@code capacity} bytes. */
    public Utf8Buffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends a character below U+0080 (markup: the caller knows it is one). */
    public Utf8Buffer ascii(char c) {
        if (size == bytes.length) grow(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends a string of characters below U+0080 (markup). */
    public Utf8Buffer ascii(String s) {
        int n = s.length();
        if (size + n > bytes.length) grow(n);
        s.getBytes(0, n, bytes, size); // deprecated for losing the high byte, which ASCII has not
        size += n;
        return this;
    }

    /** Appends {@code s} encoded. */
    public Utf8Buffer append(CharSequence s) {
        return append(s, 0, s.length());
    }

    /** Appends {@code s[from, to)} encoded; a surrogate pair split by {@code to} counts as lone. */
    public Utf8Buffer append(CharSequence s, int from, int to) {
        if (size + (to - from) * 3 > bytes.length) grow((to - from) * 3);
        byte[] b = bytes;
        int n = size;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xc0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                b[n++] = (byte) (0xe0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[n++] = (byte) (0xf0 | cp >> 18);
                b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | cp & 0x3f);
            } else {
                b[n++] = '?';
            }
        }
        size = n;
        return this;
    }

    /** Appends one code point encoded (a lone surrogate as {@code '?'}). */
    public Utf8Buffer codePoint(int cp) {
        if (cp < 0x80) return ascii((char) cp);
        if (Character.isBmpCodePoint(cp)) return append(String.valueOf((char) cp));
        return append(new String(Character.toChars(cp)));
    }

    /** Appends a number in decimal. */
    public Utf8Buffer decimal(long v) {
        return ascii(Long.toString(v));
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** The backing array: its first {@link #size()} bytes are the text (shared, not copied). */
    public byte[] array() {
        return bytes;
    }

    /** The text appended, decoded. */
    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
    }
}
