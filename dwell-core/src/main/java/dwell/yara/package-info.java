/**
 * A pure-Java YARA engine, split like YARA-X into parser, compiler and scanner.
 *
 * <ul>
 *   <li>{@link dwell.yara.Parser} (with {@code Lexer}) turns rule text into the {@link dwell.yara.Ast}: records
 *       and sealed interfaces. Includes resolve relative to the including file.</li>
 *   <li>{@link dwell.yara.YaraCompiler} checks every identifier and string reference, expands each string into
 *       its variants (ascii/wide, nocase, every xor key, the three base64 alignments), shares identical strings
 *       between rules, picks atoms (up to 8 bytes, case-folded, at a fixed or narrowly bounded offset from the
 *       match start) and builds one Aho-Corasick automaton over all of them.</li>
 *   <li>{@link dwell.yara.YaraScanner} runs the automaton once over the data, verifies each candidate (byte
 *       compare for literals, Pike VM for regexes and hex strings), then evaluates the conditions. In a
 *       fork-join pool it can split a large file's string search ({@code StringFinder}) between threads: each
 *       piece is fed from {@code MAX_ATOM - 1} bytes before its start, so atoms across a boundary are found, and
 *       the pieces' matches merge in order into what one pass records.</li>
 * </ul>
 *
 * <p>Regular expressions: dwell has its own byte-level engine ({@code RegexParser}, {@code Program},
 * {@code PikeVm}) rather than re2j, because YARA's dialect works on bytes, not UTF-16 chars ({@code \xff},
 * {@code .} matching any byte), its {@code wide} modifier interleaves zero bytes and changes what {@code \b}
 * means, hex strings compile to the same machine, and match lengths must follow backtracking priority (greedy
 * and lazy quantifiers). The Pike VM simulates all threads in lock step, so matching is linear in the bytes
 * examined; a regex match is at most 4096 bytes long (YARA's RE_SCAN_LIMIT).
 *
 * <p>Limits that change results, as in YARA: at most 1,000,000 matches per string; regex matches at most
 * 4096 bytes. Files above a configurable size (64 MB by default) are memory-mapped, never read onto the heap.
 * Modules {@code math} and {@code hash} are implemented; other known modules ({@code pe}, {@code elf},
 * {@code dotnet}...) load with every value undefined, as YARA does for a file the module cannot parse.
 */
package dwell.yara;
