package dwell.format.evtx;

/**
 * Parses a Binary XML token stream of a chunk (a record's event, a template body or a nested value) into
 * {@link BinXmlNode}s. Every read is bounded by the stream's end; every token advances; nesting is bounded.
 */
final class BinXmlParser {
    /** Nested templates and Binary XML values; real logs use two or three levels. */
    static final int MAX_DEPTH = 8;
    /** Elements nested in one token stream; with MAX_DEPTH this bounds recursion well inside a thread's stack. */
    private static final int MAX_ELEMENT_NESTING = 64;

    private final ChunkData chunk;
    private final byte[] b;
    private final int end;
    /** Elements of a Binary XML substitution value carry no dependency identifier. */
    private final boolean inValue;
    private final int depth;
    /** Where a template body's parse tells the names it meets, or null. */
    private final TemplateDefinition.Recorder names;
    private int pos;
    private int nesting;

    BinXmlParser(ChunkData chunk, int start, int end, boolean inValue, int depth) {
        this(chunk, start, end, inValue, depth, null);
    }

    /** @param names told of every name the parse meets and of template instances (a template body's parse), or null */
    BinXmlParser(ChunkData chunk, int start, int end, boolean inValue, int depth, TemplateDefinition.Recorder names) {
        if (depth > MAX_DEPTH) throw new EvtxFormatException("Binary XML nested deeper than " + MAX_DEPTH + " levels");
        if (start < 0 || end > chunk.length() || start > end) {
            throw new EvtxFormatException("Binary XML range " + start + ".." + end + " outside the chunk");
        }
        this.chunk = chunk;
        this.b = chunk.bytes();
        this.pos = start;
        this.end = end;
        this.inValue = inValue;
        this.depth = depth;
        this.names = names;
    }

    /** Parses a fragment (or document): fragment headers, elements and template instances up to EOF or the end. */
    BinXmlNode[] fragment() {
        BinXmlNode[] out = NO_NODES;
        int n = 0;
        while (pos < end) {
            int token = b[pos] & 0xff;
            switch (token & 0xbf) {
                case 0x00 -> {
                    return trim(out, n);
                }
                case 0x0f -> pos += 4;
                case 0x01 -> out = add(out, n++, element());
                case 0x0c -> out = add(out, n++, templateInstance());
                case 0x0a -> out = add(out, n++, processingInstruction());
                case 0x05, 0x07, 0x08, 0x09, 0x0d, 0x0e -> out = add(out, n++, contentToken(token));
                default -> throw unexpected(token, pos, "");
            }
        }
        return trim(out, n);
    }

    private BinXmlNode.Element element() {
        if (++nesting > MAX_ELEMENT_NESTING) throw new EvtxFormatException("elements nested too deeply");
        int token = b[pos] & 0xff;
        pos++;
        if (!inValue) pos += 2; // dependency identifier
        pos += 4; // data size: the content is read token by token instead
        String name = xmlNameAt(Le.i32(b, pos, end));
        BinXmlNode.Attribute[] attributes = NO_ATTRIBUTES;
        if ((token & 0x40) != 0) {
            pos += 4; // attribute list size
            BinXmlNode.Attribute[] list = new BinXmlNode.Attribute[4];
            int n = 0;
            while ((Le.u8(b, pos, end) & 0xbf) == 0x06) {
                pos++;
                String attrName = xmlNameAt(Le.i32(b, pos, end));
                BinXmlNode.Attribute a = new BinXmlNode.Attribute(attrName, attributeValue());
                if (n == list.length) {
                    BinXmlNode.Attribute[] grown = new BinXmlNode.Attribute[2 * n];
                    System.arraycopy(list, 0, grown, 0, n);
                    list = grown;
                }
                list[n++] = a;
            }
            attributes = new BinXmlNode.Attribute[n];
            System.arraycopy(list, 0, attributes, 0, n);
        }
        int close = Le.u8(b, pos, end);
        pos++;
        BinXmlNode[] content;
        if (close == 0x03) {
            content = NO_NODES;
        } else if (close == 0x02) {
            content = content();
        } else {
            int at = pos - 1;
            throw new EvtxFormatException(() -> "element <" + name + "> not closed: token 0x" + hex2(close) + " at offset " + at);
        }
        nesting--;
        return new BinXmlNode.Element(name, attributes, content);
    }

    private BinXmlNode[] attributeValue() {
        BinXmlNode[] parts = NO_NODES;
        int n = 0;
        while (pos < end) {
            int token = b[pos] & 0xff;
            int base = token & 0xbf;
            if (base == 0x05 || base == 0x08 || base == 0x09 || base == 0x0d || base == 0x0e) {
                parts = add(parts, n++, contentToken(token));
            } else {
                break;
            }
        }
        return trim(parts, n);
    }

    private BinXmlNode[] content() {
        BinXmlNode[] out = NO_NODES;
        int n = 0;
        while (true) {
            int token = Le.u8(b, pos, end);
            switch (token & 0xbf) {
                case 0x04 -> {
                    pos++;
                    return trim(out, n);
                }
                case 0x01 -> out = add(out, n++, element());
                case 0x0c -> out = add(out, n++, templateInstance());
                case 0x0a -> out = add(out, n++, processingInstruction());
                case 0x05, 0x07, 0x08, 0x09, 0x0d, 0x0e -> out = add(out, n++, contentToken(token));
                default -> throw unexpected(token, pos, " in element content");
            }
        }
    }

    /*
     * Nodes are collected in plain arrays rather than lists: ArrayList.toArray(T[]) makes its array through
     * Array.newInstance, which C1 (the dump's only compiler) leaves a native call, one per list of every record.
     */

    /** {@code nodes} with {@code node} stored at {@code n}, grown first if full. */
    private static BinXmlNode[] add(BinXmlNode[] nodes, int n, BinXmlNode node) {
        if (n == nodes.length) {
            BinXmlNode[] grown = new BinXmlNode[Math.max(2, 2 * n)];
            System.arraycopy(nodes, 0, grown, 0, n);
            nodes = grown;
        }
        nodes[n] = node;
        return nodes;
    }

    /** The first {@code n} of {@code nodes}, the array itself when it holds just those. */
    private static BinXmlNode[] trim(BinXmlNode[] nodes, int n) {
        if (n == nodes.length) return nodes;
        if (n == 0) return NO_NODES;
        BinXmlNode[] exact = new BinXmlNode[n];
        System.arraycopy(nodes, 0, exact, 0, n);
        return exact;
    }

    /** Value text, CDATA, references and substitutions: the tokens allowed in content and attribute values. */
    private BinXmlNode contentToken(int token) {
        pos++;
        switch (token & 0xbf) {
            case 0x05 -> {
                int type = Le.u8(b, pos, end);
                pos++;
                if (type != ValueTypes.STRING && type != ValueTypes.ANSI) {
                    int at = pos - 2;
                    throw new EvtxFormatException(() -> "value token of type 0x" + hex2(type) + " at offset " + at);
                }
                return new BinXmlNode.Text(lengthPrefixedString());
            }
            case 0x07 -> {
                return new BinXmlNode.CData(lengthPrefixedString());
            }
            case 0x08 -> {
                int cp = Le.u16(b, pos, end);
                pos += 2;
                return new BinXmlNode.CharRef(cp);
            }
            case 0x09 -> {
                return new BinXmlNode.EntityRef(nameAt(Le.i32(b, pos, end)));
            }
            case 0x0d, 0x0e -> {
                int index = Le.u16(b, pos, end);
                int type = Le.u8(b, pos + 2, end);
                pos += 3;
                return new BinXmlNode.Substitution(index, type, (token & 0xbf) == 0x0e);
            }
            default -> throw unexpected(token, pos - 1, "");
        }
    }

    private BinXmlNode processingInstruction() {
        pos++;
        String target = nameAt(Le.i32(b, pos, end));
        String data = "";
        if (pos < end && (b[pos] & 0xff) == 0x0b) {
            pos++;
            data = lengthPrefixedString();
        }
        return new BinXmlNode.ProcessingInstruction(target, data);
    }

    /** Reads a name offset at {@code pos}; a name stored inline (offset == position after it) is skipped over. */
    private String nameAt(int offset) {
        return nameAt(offset, chunk.name(offset));
    }

    /** {@link #nameAt} for an element or attribute name ({@link ChunkData#xmlName}). */
    private String xmlNameAt(int offset) {
        return nameAt(offset, chunk.xmlName(offset));
    }

    private String nameAt(int offset, String name) {
        int field = pos;
        pos += 4;
        if (offset == pos) pos += ChunkData.nameSize(b, offset, chunk.length());
        if (pos > end) throw new EvtxFormatException(() -> "inline name runs past the end of its structure at offset " + offset);
        if (names != null) names.name(field, offset, name);
        return name;
    }

    private String lengthPrefixedString() {
        int chars = Le.u16(b, pos, end);
        pos += 2;
        Le.check(pos, chars * 2, end);
        String s = chunk.text().chars(b, pos, chars);
        pos += chars * 2;
        return s;
    }

    private BinXmlNode.TemplateInstance templateInstance() {
        Le.check(pos, 10, end);
        if (names != null) names.nested();
        pos += 6; // token, unknown byte, template identifier
        int defOffset = Le.i32(b, pos);
        pos += 4;
        Template template = chunk.template(defOffset, depth);
        if (defOffset == pos) {
            long after = (long) defOffset + 24 + (Le.i32(b, defOffset + 20, chunk.length()) & 0xffffffffL);
            if (after > end) throw new EvtxFormatException("inline template definition runs past its record");
            pos = (int) after;
        }
        byte[] types = chunk.isCarving() ? valueTypes() : NO_TYPES;
        return new BinXmlNode.TemplateInstance(template, values(), types);
    }

    /** The value types the instance declares for its values, read ahead of them (bounds are checked by values()). */
    private byte[] valueTypes() {
        long count = Le.u32(b, pos, end);
        if (count > (end - pos - 4) / 4) return new byte[0];
        byte[] types = new byte[(int) count];
        for (int i = 0; i < types.length; i++) types[i] = b[pos + 4 + 4 * i + 2];
        return types;
    }

    private SubstitutionValue[] values() {
        long count = Le.u32(b, pos, end);
        pos += 4;
        if (count > (end - pos) / 4) throw new EvtxFormatException(() -> "template value count " + count + " exceeds its record");
        int n = (int) count;
        int descriptors = pos;
        pos += 4 * n;
        SubstitutionValue[] values = new SubstitutionValue[n];
        for (int i = 0; i < n; i++) {
            int size = Le.u16(b, descriptors + 4 * i, end);
            int type = b[descriptors + 4 * i + 2] & 0xff;
            Le.check(pos, size, end);
            values[i] = value(pos, size, type);
            pos += size;
        }
        return values;
    }

    private SubstitutionValue value(int off, int size, int type) {
        if (type == ValueTypes.NULL) return SubstitutionValue.NULL;
        if (type == ValueTypes.BINXML) {
            return new SubstitutionValue.Xml(new BinXmlParser(chunk, off, off + size, true, depth + 1).fragment());
        }
        if ((type & ValueTypes.ARRAY) != 0) return new SubstitutionValue.Array(ValueTypes.array(b, off, size, type, chunk.text()));
        return new SubstitutionValue.Scalar(ValueTypes.scalar(b, off, size, type, chunk.text()));
    }

    /** An unexpected token at {@code at}, {@code where} (its reason spelled when read: carving meets many). */
    private static EvtxFormatException unexpected(int token, int at, String where) {
        return new EvtxFormatException(() -> "unexpected token 0x" + hex2(token) + where + " at offset " + at);
    }

    /**
     * A byte as two lower-case hex digits ({@code %02x}): carving meets thousands of broken candidates, and
     * {@link String#format} made their messages cost more than the parsing.
     */
    static String hex2(int v) {
        return Integer.toHexString(0x100 | v & 0xff).substring(1);
    }

    private static final BinXmlNode[] NO_NODES = new BinXmlNode[0];
    private static final byte[] NO_TYPES = new byte[0];
    private static final BinXmlNode.Attribute[] NO_ATTRIBUTES = new BinXmlNode.Attribute[0];
}
