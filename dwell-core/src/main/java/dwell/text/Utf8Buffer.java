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
    private char[] chars = new char[256];

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
        char[] c = new char[to - from]; // rare text (replacement characters, odd names): the hot paths pass arrays
        for (int i = from; i < to; i++) c[i - from] = s.charAt(i);
        return append(c, 0, c.length);
    }

    /**
     * The characters of {@code s} in an array this buffer reuses, valid until the next call: a loop over an array
     * costs a third of one calling {@code charAt} (measured on C1, which runs the dump).
     */
    public char[] chars(CharSequence s) {
        int n = s.length();
        if (chars.length < n) chars = new char[Math.max(n, 2 * chars.length)];
        if (s instanceof String str) {
            str.getChars(0, n, chars, 0);
        } else if (s instanceof StringBuilder sb) {
            sb.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) chars[i] = s.charAt(i);
        }
        return chars;
    }

    /**
     * Appends the leading characters of {@code s} that are {@code plain} and returns how many there were:
     * {@code s.length()} when all are. Not widened to chars first, which C1 (the dump's only compiler) does one char
     * at a time: a short string is read char by char into place, a longer one copied as Latin-1 bytes and checked
     * eight bytes at a time; a character beyond Latin-1 comes out as {@code '?'}, never plain, so the run stops there.
     */
    public int plain(String s, PlainAscii plain) {
        int n = s.length();
        if (n < 16) {
            // most values: a copy of the string would cost more than the loop
            if (size + n > bytes.length) grow(n);
            int i = 0;
            for (char c; i < n && plain.plain(c = s.charAt(i)); i++) bytes[size + i] = (byte) c;
            size += i;
            return i;
        }
        byte[] latin = s.getBytes(StandardCharsets.ISO_8859_1);
        // a surrogate pair encodes as one '?', so the bytes may be fewer than the chars: the run stops at the '?'
        int run = plain.end(latin, 0, latin.length);
        if (size + run > bytes.length) grow(run);
        System.arraycopy(latin, 0, bytes, size, run);
        size += run;
        return run;
    }

    /** Appends {@code c[from, to)} encoded; a surrogate pair split by {@code to} counts as lone. */
    public Utf8Buffer append(char[] c, int from, int to) {
        if (size + (to - from) * 3 > bytes.length) grow((to - from) * 3);
        byte[] b = bytes;
        int n = size;
        for (int i = from; i < to; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                b[n++] = (byte) ch;
            } else if (ch < 0x800) {
                b[n++] = (byte) (0xc0 | ch >> 6);
                b[n++] = (byte) (0x80 | ch & 0x3f);
            } else if (!Character.isSurrogate(ch)) {
                b[n++] = (byte) (0xe0 | ch >> 12);
                b[n++] = (byte) (0x80 | ch >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isHighSurrogate(ch) && i + 1 < to && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
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
        char[] c = Character.toChars(cp);
        return append(c, 0, c.length);
    }

    /** Appends a number in decimal, as {@link Long#toString(long)} writes it. */
    public Utf8Buffer decimal(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) return ascii(Long.toString(v));
            ascii('-');
            v = -v;
        }
        if (v > Integer.MAX_VALUE) {
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) digits++;
            if (size + digits > bytes.length) grow(digits);
            for (int i = size + digits - 1; i >= size; i--, v /= 10) bytes[i] = (byte) ('0' + v % 10);
            size += digits;
            return this;
        }
        // record ids and event ids: in int arithmetic, as C1 divides a long by a call into the runtime
        int x = (int) v;
        int digits = 1;
        for (int t = x; t >= 10; t /= 10) digits++;
        if (size + digits > bytes.length) grow(digits);
        for (int i = size + digits - 1; i >= size; i--, x /= 10) bytes[i] = (byte) ('0' + x % 10);
        size += digits;
        return this;
    }

    /** Appends bytes that are UTF-8 already (text encoded once and written many times). */
    public Utf8Buffer bytes(byte[] utf8) {
        int n = utf8.length;
        if (size + n > bytes.length) grow(n);
        System.arraycopy(utf8, 0, bytes, size, n);
        size += n;
        return this;
    }

    /** Appends {@code utf8[from, to)}, bytes that are UTF-8 already. */
    public Utf8Buffer bytes(byte[] utf8, int from, int to) {
        int n = to - from;
        if (size + n > bytes.length) grow(n);
        System.arraycopy(utf8, from, bytes, size, n);
        size += n;
        return this;
    }

    /**
     * The backing array with room for {@code n} more bytes after {@link #size()}, for an encoder that writes there
     * and then sets {@link #size(int)}: a loop over one array, without a call per byte.
     */
    public byte[] room(int n) {
        if (size + n > bytes.length) grow(n);
        return bytes;
    }

    /** Sets the size after bytes were written into the array {@link #room} returned. */
    public void size(int size) {
        this.size = size;
    }

    /** Empties the buffer and keeps its array, for the next text. */
    public void clear() {
        size = 0;
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
