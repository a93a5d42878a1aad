package dwell.format.evtx;

import java.util.HashSet;
import java.util.Set;

/** A chunk's bytes with its caches of names and templates, which records refer to by chunk offset. */
final class ChunkData {
    private final byte[] bytes;
    private final int length;
    private final OffsetTable<String> names = new OffsetTable<>();
    private final OffsetTable<Template> templates = new OffsetTable<>();
    private final Set<Integer> parsing = new HashSet<>();
    private final Utf16 text = new Utf16();

    ChunkData(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The decoder of this chunk's text. */
    Utf16 text() {
        return text;
    }

    int length() {
        return length;
    }

    /** The bytes a name structure at {@code offset} takes: next offset, hash, count, characters, terminator. */
    static int nameSize(byte[] b, int offset, int limit) {
        return 10 + 2 * Le.u16(b, offset + 6, limit);
    }

    /** The name stored at a chunk offset. */
    String name(int offset) {
        String n = names.get(offset);
        if (n != null) return n;
        int chars = Le.u16(bytes, offset + 6, length);
        Le.check(offset + 8, chars * 2, length);
        n = text.chars(bytes, offset + 8, chars);
        names.put(offset, n);
        return n;
    }

    /**
     * Whether a template definition at {@code offset} can lie inside the chunk: its header, and its body as long as
     * the header says. {@link #template} refuses any offset for which this is false.
     */
    boolean templateFits(int offset) {
        return templates.containsKey(offset) || offset >= 0 && offset <= length - 24 && bodyEnd(offset) <= length;
    }

    private long bodyEnd(int offset) {
        return (long) offset + 24 + (Le.i32(bytes, offset + 20) & 0xffffffffL);
    }

    /** The template defined at a chunk offset, parsed on first use. */
    Template template(int offset, int depth) {
        Template t = templates.get(offset);
        if (t != null) return t;
        Le.check(offset, 24, length);
        long bodyEnd = bodyEnd(offset);
        if (bodyEnd > length) throw new EvtxFormatException("template at offset " + offset + " runs past the chunk");
        if (!parsing.add(offset)) throw new EvtxFormatException("template at offset " + offset + " refers to itself");
        try {
            BinXmlNode[] body = new BinXmlParser(this, offset + 24, (int) bodyEnd, false, depth + 1).fragment();
            t = new Template(offset, ValueTypes.guid(bytes, offset + 4), body);
        } finally {
            parsing.remove(offset);
        }
        templates.put(offset, t);
        return t;
    }
}
