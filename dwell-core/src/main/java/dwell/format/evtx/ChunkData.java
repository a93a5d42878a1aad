package dwell.format.evtx;

/** A chunk's bytes with its caches of names and templates, which records refer to by chunk offset. */
final class ChunkData {
    private final byte[] bytes;
    private final int length;
    private final OffsetTable<String> names = new OffsetTable<>();
    private final OffsetTable<Template> templates = new OffsetTable<>();
    /** The templates being parsed, outermost first: one that refers to itself is refused. */
    private final IntStack parsing = new IntStack();
    private final Utf16 text = new Utf16();
    /** Definitions other chunks parsed, or null. */
    private final KnownTemplates known;
    /** What {@link #xmlName} gives for a name that is not an XML name while carving. */
    static final String NOT_A_NAME = "";
    private boolean carving;

    ChunkData(byte[] bytes, int length) {
        this(bytes, length, null);
    }

    /** @param known the templates other chunks parsed, to take instead of parsing a definition again (or null) */
    ChunkData(byte[] bytes, int length, KnownTemplates known) {
        this.bytes = bytes;
        this.length = length;
        this.known = known;
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

    /**
     * The name at a chunk offset, where an element or attribute name is expected. Once carving, a name that is not
     * an XML name is not decoded: it comes back as {@link #NOT_A_NAME}, which no XML name equals. A carved record
     * is kept only if every element and attribute name in it is an XML name, so the record is refused all the same
     * (and the name is not used at all when it is not in the record's tree), while slack space's garbage names,
     * up to 64 K characters of random text each, were a tenth of all the reader allocated.
     */
    String xmlName(int offset) {
        if (!carving) return name(offset);
        String n = names.get(offset);
        if (n != null) return n;
        int chars = Le.u16(bytes, offset + 6, length);
        Le.check(offset + 8, chars * 2, length);
        for (int i = 0; i < chars; i++) {
            int at = offset + 8 + 2 * i;
            if (bytes[at + 1] != 0 || !ChunkParser.nameChar((char) (bytes[at] & 0xff), i == 0)) return NOT_A_NAME;
        }
        return name(offset);
    }

    /** Records are carved from here on (the chunk's live records are read): see {@link #xmlName}. */
    void carving() {
        carving = true;
    }

    boolean isCarving() {
        return carving;
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

    /** Records that {@code offset} holds {@code name}, as decoding it there would ({@link TemplateDefinition#matches}). */
    void knownName(int offset, String name) {
        if (names.get(offset) == null) names.put(offset, name);
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

    /** The template defined at a chunk offset if it was parsed, else null. */
    Template parsedTemplate(int offset) {
        return templates.get(offset);
    }

    /** The template defined at a chunk offset, parsed on first use. */
    Template template(int offset, int depth) {
        Template t = templates.get(offset);
        if (t != null) return t;
        Le.check(offset, 24, length);
        long bodyEnd = bodyEnd(offset);
        if (bodyEnd > length) throw new EvtxFormatException(() -> "template at offset " + offset + " runs past the chunk");
        if (parsing.contains(offset)) throw new EvtxFormatException(() -> "template at offset " + offset + " refers to itself");
        // carving decodes no name that is not an XML name: its templates are not what a live record's parse gives
        boolean shared = known != null && !carving && depth + 1 <= BinXmlParser.MAX_DEPTH;
        t = shared ? known.find(this, offset, (int) bodyEnd) : null;
        if (t == null) t = parse(offset, (int) bodyEnd, depth, shared);
        templates.put(offset, t);
        return t;
    }

    private Template parse(int offset, int bodyEnd, int depth, boolean shared) {
        TemplateDefinition.Recorder names = shared ? new TemplateDefinition.Recorder(offset) : null;
        Template t;
        parsing.push(offset);
        try {
            BinXmlNode[] body = new BinXmlParser(this, offset + 24, bodyEnd, false, depth + 1, names).fragment();
            t = new Template(offset, ValueTypes.guid(bytes, offset + 4), body);
        } finally {
            parsing.pop();
        }
        if (shared) {
            TemplateDefinition d = names.definition(bytes, bodyEnd, t);
            if (d != null) known.add(d);
        }
        return t;
    }

    /** A few ints, pushed and popped: a set of boxed offsets cost a fiftieth of a pass. */
    private static final class IntStack {
        private int[] items = new int[8];
        private int size;

        boolean contains(int v) {
            for (int i = 0; i < size; i++) if (items[i] == v) return true;
            return false;
        }

        void push(int v) {
            if (size == items.length) items = java.util.Arrays.copyOf(items, 2 * size);
            items[size++] = v;
        }

        void pop() {
            size--;
        }
    }
}
