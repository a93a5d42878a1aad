package dwell.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * The escapes of dwell's JSON beside Jackson's own (quote, backslash, C0): DEL, every hidden character
 * ({@link SafeText#isHidden}) and every surrogate, so that a character beyond the BMP is written as a pair of
 * escapes. Lone surrogates never get here: {@link Json}'s writers make strings well-formed first.
 */
public final class JsonEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    public JsonEscapes() {
        ascii[0x7f] = ESCAPE_STANDARD;
    }

    /** True for the characters written as <code>&#92;u</code> escapes beside Jackson's own. */
    public static boolean escaped(char c) {
        return c == 0x7f || c >= 0x80 && (Character.isSurrogate(c) || SafeText.isHidden(c));
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (!escaped((char) ch)) return null;
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
    }
}
