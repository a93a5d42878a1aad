package dwell.yara;

/** One concrete form of a string (ascii or wide, one xor key, one base64 shift...) that the scanner verifies. */
sealed interface Variant permits Variant.Literal, Variant.Pattern {
    /** Index of the string (within the whole rule set) this variant belongs to. */
    int string();

    /** True when the matched bytes are UTF-16LE-like (for fullword checks). */
    boolean wide();

    /** A fixed byte sequence, compared exactly or ASCII case-insensitively. */
    record Literal(int string, byte[] bytes, boolean nocase, boolean wide) implements Variant {
    }

    /** A regex or hex pattern run by the Pike VM, matching at most {@code limit} bytes. */
    record Pattern(int string, Program program, int limit, boolean wide, boolean[] firstBytes) implements Variant {
    }
}
