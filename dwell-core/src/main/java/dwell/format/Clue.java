package dwell.format;

/**
 * What in an item's head says it is in a format, strongest first. Sniffing takes the format with the strongest
 * clue; between equal clues, the format registered first.
 */
public enum Clue {
    /** A magic number at the start (EVTX's {@code ElfFile}). */
    MAGIC,
    /** The {@code #Log-type:} directive that Exchange's log writer puts at the top. */
    LOG_TYPE,
    /** The layout the {@code #Fields:} directive names. */
    FIELDS,
    /** The {@code #Software:} directive. */
    SOFTWARE,
    /** A first line naming the columns, with no directives before it. */
    HEADER_ROW,
    /** The shape of the content (the first data line, an opening brace), the item's name at most breaking a tie. */
    CONTENT
}
