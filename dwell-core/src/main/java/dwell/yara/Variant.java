package dwell.yara;

/**
 * One concrete form of a pattern (ascii or wide, one xor key, one base64 shift...) that the scanner verifies.
 * Identical strings of different rules share one pattern, so they are matched once.
 */
sealed interface Variant permits Variant.Literal, Variant.Pattern {
    /** Index of the pattern this variant belongs to. */
    int pattern();

    /** True when the matched bytes are UTF-16LE-like (for fullword checks). */
    boolean wide();

    /** True when a match must not touch an alphanumeric character. */
    boolean fullword();

    /** A fixed byte sequence, compared exactly or ASCII case-insensitively. */
    record Literal(int pattern, byte[] bytes, boolean nocase, boolean wide, boolean fullword) implements Variant {
    }

    /**
     * A regex or hex pattern run by the Pike VM, matching at most {@code limit} bytes; {@code reversed} is the
     * pattern read backwards, which {@link StartFilter} runs to find where matches can start.
     */
    record Pattern(int pattern, ProgramSource program, ProgramSource reversed, int limit, boolean wide, boolean fullword,
                   boolean[] firstBytes) implements Variant {
    }
}
