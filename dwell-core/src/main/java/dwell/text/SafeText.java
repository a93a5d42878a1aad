package dwell.text;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Evidence text made safe to write. Any string read from evidence may hold lone UTF-16 surrogates (which no
 * UTF-8 output can carry), NULs, control characters, ANSI escape sequences and invisible or reordering Unicode
 * characters (bidirectional overrides, zero-width and tag characters). Every writer uses these rules:
 * <ul>
 * <li>a lone surrogate becomes U+FFFD, in every output;</li>
 * <li>a <em>hidden</em> character ({@link #isHidden}: C0 and C1 controls, DEL, Unicode format characters, line
 * and paragraph separators) never reaches a terminal, a table cell or a report raw: it is shown as an escape,
 * {@code \x1b} below U+0100, <code>&#92;u202e</code> in the BMP, {@code \U000e0041} above (a backslash is not itself
 * escaped, so that Windows paths stay readable);</li>
 * <li>formats with their own escapes use them instead (JSON <code>&#92;u001b</code>, XML {@code &#27;}), losing nothing.</li>
 * </ul>
 */
public final class SafeText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /** True for the characters no output shows raw: controls, format characters, line and paragraph separators. */
    public static boolean isHidden(int codePoint) {
        if (codePoint < 0x20 || codePoint == 0x7f) return true;
        if (codePoint < 0x80) return false;
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** True when the char at {@code i} is a surrogate without its other half. */
    public static boolean isLoneSurrogate(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    /** The string with every lone surrogate replaced by U+FFFD; the same string when it has none (null stays null). */
    public static String wellFormed(String s) {
        if (s == null) return null;
        int i = firstLoneSurrogate(s);
        if (i < 0) return s;
        char[] c = s.toCharArray();
        for (; i < c.length; i++) {
            if (isLoneSurrogate(s, i)) c[i] = '\ufffd';
        }
        return new String(c);
    }

    private static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && isLoneSurrogate(s, i)) return i;
        }
        return -1;
    }

    /**
     * For one line of a terminal, a table cell or a report: lone surrogates as U+FFFD, every hidden character
     * escaped; the string itself when nothing had to change.
     */
    public static String visible(String s) {
        return visible(s, false);
    }

    /**
     * As {@link #visible(String)}, but keeps line feeds, tabs and the carriage return of a CR LF pair (multi-line
     * text); the string itself when nothing had to change.
     */
    public static String visibleLines(String s) {
        return visible(s, true);
    }

    private static String visible(String s, boolean keepLines) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !needsWork(s, i, keepLines)) i++;
        if (i == s.length()) return s;
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && isLoneSurrogate(s, i)) {
                b.append('\ufffd');
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            if (needsWork(s, i, keepLines)) appendEscape(b, cp); else b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static boolean needsWork(String s, int i, boolean keepLines) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f) return false;
        if (keepLines && (c == '\n' || c == '\t' || c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) return false;
        if (Character.isSurrogate(c)) return isLoneSurrogate(s, i) || isHidden(s.codePointAt(i));
        return isHidden(c);
    }

    /** Appends the visible escape of a code point: {@code \x1b}, <code>&#92;u202e</code> or {@code \U000e0041}. */
    public static void appendEscape(StringBuilder b, int cp) {
        int digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
        b.append('\\').append(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
        for (int d = digits - 1; d >= 0; d--) b.append(HEX[(cp >> (4 * d)) & 0xf]);
    }

    /**
     * A buffered UTF-8 writer that writes U+FFFD for a lone surrogate instead of failing: the last line of defence
     * of every file dwell writes, so that one string no writer made well-formed cannot cost a run its output.
     */
    public static Writer utf8(OutputStream out) {
        CharsetEncoder e = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd});
        return new BufferedWriter(new OutputStreamWriter(out, e), 1 << 16);
    }
}
