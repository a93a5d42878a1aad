package dwell.format.evtx;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of one chunk. Records run from the header's end to the free-space offset; a broken one is
 * reported and reading resumes at the next record signature. Past the last record, slack space is carved for
 * whole, parseable records, which are emitted as recovered. A chunk without a usable header is carved whole.
 */
final class ChunkParser {
    private static final int RECORD_HEADER = 24;
    private static final int MIN_RECORD = RECORD_HEADER + 4 + 4;
    /** How deep below a carved event its names are walked: one nested deeper is refused. */
    static final int NAMES_DEPTH = 64;

    private final String item;
    private final int index;
    private final byte[] b;
    private final int len;
    private final boolean expected;
    private final List<EvtxEvent> events = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final KnownTemplates known;
    private ChunkData data;

    /**
     * @param expected whether the file header counts this chunk (an empty chunk beyond the count is normal)
     */
    public ChunkParser(String item, int index, byte[] chunk, int len, boolean expected) {
        this(item, index, chunk, len, expected, null);
    }

    /** @param known the templates earlier chunks parsed, shared with them (or null) */
    ChunkParser(String item, int index, byte[] chunk, int len, boolean expected, KnownTemplates known) {
        this.item = item;
        this.index = index;
        this.b = chunk;
        this.len = len;
        this.expected = expected;
        this.known = known;
    }

    /** Parses the chunk; never throws for any content. */
    public ChunkResult parse() {
        try {
            parseChunk();
        } catch (RuntimeException e) {
            // a defect of this parser, not of the evidence; reported so that nothing is lost silently
            problems.add(new Problem(0, "chunk " + index + ": internal error: " + e));
        }
        return new ChunkResult(index, events, problems);
    }

    private void parseChunk() {
        data = new ChunkData(b, len, known);
        boolean signed = ChunkHeader.hasSignature(b, len);
        // a signed chunk is not all zero: the walk over its 64 KB is for chunks without one
        if (!signed && allZero()) {
            if (expected) problem(0, "chunk is empty (all zero bytes)");
            return;
        }
        if (len < ChunkHeader.CHUNK_SIZE) problem(0, "chunk cut short at the end of the file: " + len + " of 65536 bytes");
        if (!signed || len < ChunkHeader.SIZE) {
            problem(0, "no chunk signature: records carved from the whole chunk");
            data.carving();
            carve(ChunkHeader.SIZE > len ? 0 : ChunkHeader.SIZE);
            return;
        }
        ChunkHeader h = ChunkHeader.parse(b, len);
        if (!h.headerChecksumValid()) problem(0, "chunk header checksum mismatch (read anyway)");
        int end = h.freeSpaceOffset();
        if (end < ChunkHeader.SIZE || end > ChunkHeader.CHUNK_SIZE) {
            problem(0, "free space offset " + end + " outside the chunk: records read up to the chunk's end");
            end = len;
        } else if (!h.dataChecksumValid() && end <= len) {
            problem(0, "chunk records checksum mismatch (read anyway)");
        }
        end = Math.min(end, len);
        int pos = records(ChunkHeader.SIZE, end);
        data.carving();
        carve(pos);
    }

    /** Reads records from {@code pos} to {@code end}; returns where the last good record ended. */
    private int records(int pos, int end) {
        int lastGood = pos;
        while (pos + 4 <= end) {
            if (!signatureAt(pos)) {
                if (zeroFrom(pos, end)) break;
                int next = nextSignature(pos + 1, end);
                problem(0, "no record at offset " + pos + ": skipped " + (next - pos) + " bytes to the next record signature");
                pos = next;
                continue;
            }
            if (pos + RECORD_HEADER > len) {
                problem(0, "record at offset " + pos + " cut at the end of the file");
                return len;
            }
            long size = Le.u32(b, pos + 4, len);
            long recordId = Le.i64(b, pos + 8, len);
            if (size < MIN_RECORD || pos + size > ChunkHeader.CHUNK_SIZE) {
                problem(recordId, "record " + recordId + " at offset " + pos + " has impossible size " + size);
                pos = nextSignature(pos + 1, end);
                continue;
            }
            if (pos + size > len) {
                problem(recordId, "record " + recordId + " cut at the end of the file");
                return len;
            }
            int sz = (int) size;
            if (Le.i32(b, pos + sz - 4) != sz) {
                problem(recordId, "record " + recordId + " at offset " + pos + ": size and its copy differ");
                pos = nextSignature(pos + 1, end);
                continue;
            }
            try {
                events.add(record(pos, sz, recordId, false));
            } catch (RuntimeException e) {
                problem(recordId, "record " + recordId + ": " + reason(e));
            } catch (StackOverflowError e) {
                // nesting is bounded well below this; kept as a last guard so one record cannot end the read
                problem(recordId, "record " + recordId + ": nested too deeply to read");
            }
            pos += sz;
            lastGood = pos;
        }
        return Math.max(lastGood, Math.min(pos, end));
    }

    /** Carves whole records out of slack space from {@code pos} to the chunk's end; failures there are noise. */
    private void carve(int pos) {
        int p = nextSignature(Math.max(pos, 0), len);
        while (p + MIN_RECORD <= len) {
            long size = Le.u32(b, p + 4, len);
            if (size >= MIN_RECORD && p + size <= len && Le.i32(b, p + (int) size - 4) == (int) size
                    && !templateGone(p, (int) size)) {
                try {
                    if (!namesRefused(p, (int) size)) {
                        events.add(record(p, (int) size, Le.i64(b, p + 8), true));
                        p = nextSignature(p + (int) size, len);
                        continue;
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    // not a whole record: keep looking
                }
            }
            p = nextSignature(p + 1, len);
        }
    }

    /**
     * Where a template instance's value count sits: after the instance's header, and after its definition when that
     * is inline; -1 when it does not fit before {@code end}.
     */
    static int valueCountAt(byte[] b, int instance, int end) {
        int definition = Le.i32(b, instance + 6);
        int p = instance + 10;
        if (definition == p) {
            long after = (long) definition + 24 + (Le.i32(b, definition + 20) & 0xffffffffL);
            if (after > end) return -1;
            p = (int) after;
        }
        return p + 4 > end ? -1 : p;
    }

    /**
     * Whether the record at {@code pos}, {@code size} bytes long, refers to a template whose definition cannot lie in
     * this chunk, which its parse would refuse: most candidates in slack space are old records whose templates were
     * overwritten, and answering here spares each a parse that ends in an exception. Looked at: the record's own
     * template instance, and the template instance opening each of its Binary XML values (an event's EventData,
     * whose template is the one most often gone); anything unusual is left for the parse to judge.
     */
    boolean templateGone(int pos, int size) {
        int end = pos + size - 4;
        int instance = instanceAt(b, pos + RECORD_HEADER, end);
        if (instance < 0) return false;
        if (!data.templateFits(Le.i32(b, instance + 6))) return true;
        int p = valueCountAt(b, instance, end);
        if (p < 0) return false;
        long count = Le.u32(b, p, end);
        if (count > (end - p - 4) / 4) return false;
        int descriptor = p + 4;
        int value = descriptor + 4 * (int) count;
        for (int i = 0; i < count; i++, descriptor += 4) {
            int valueSize = Le.u16(b, descriptor, end);
            if (value > end - valueSize) return false;
            if ((b[descriptor + 2] & 0xff) == ValueTypes.BINXML) {
                int nested = instanceAt(b, value, value + valueSize);
                if (nested >= 0 && !data.templateFits(Le.i32(b, nested + 6))) return true;
            }
            value += valueSize;
        }
        return false;
    }

    /**
     * Whether the record at {@code pos}, {@code size} bytes long, holds names its parse would refuse, judged before
     * its values are decoded ({@link CarvedNames}); throws what its parse would throw for a broken template.
     */
    boolean namesRefused(int pos, int size) {
        int end = pos + size - 4;
        int instance = instanceAt(b, pos + RECORD_HEADER, end);
        return instance >= 0 && CarvedNames.refused(data, instance, end);
    }

    /**
     * Where the template instance a fragment at {@code at} opens with (after a fragment header, if any) lies, its
     * header whole before {@code end}; -1 if the fragment opens otherwise.
     */
    static int instanceAt(byte[] b, int at, int end) {
        if (at < end && (b[at] & 0xbf) == 0x0f) at += 4;
        return at + 10 <= end && (b[at] & 0xbf) == 0x0c ? at : -1;
    }

    EvtxEvent record(int pos, int size, long recordId, boolean recovered) {
        BinXmlNode[] fragment = new BinXmlParser(data, pos + RECORD_HEADER, pos + size - 4, false, 0).fragment();
        if (recovered && !typesAgree(fragment, 0)) throw new EvtxFormatException("carved record's values do not fit its template");
        Expander.check(fragment);
        EvtxEvent event = new EvtxEvent(item, recordId, ValueTypes.instant(Le.i64(b, pos + 16)), recovered, fragment);
        if (recovered && !plausible(event, fragment)) throw new EvtxFormatException("carved bytes are not an event");
        return event;
    }

    /**
     * Slack space keeps records whose templates may since have been overwritten: such a record still parses,
     * into nonsense names. A carved record counts only if it is an Event with a System time and event id,
     * and every name in it is an XML name.
     */
    private static boolean plausible(EvtxEvent event, BinXmlNode[] fragment) {
        Root root = new Root();
        ElementView.elements(fragment, ElementView.NO_VALUES, root);
        // names first: they refuse most nonsense before the event's fields are worked out
        return root.event.name().equals("Event") && !ElementView.elements(root.event.content(), root.values, (e, values) -> !e.name().equals("System"))
                && (CarvedNames.vouched(fragment, NAMES_DEPTH + 1) || namesValid(root.event, root.values, 0))
                && event.eventId() != null && !event.eventId().isEmpty() && event.get("TimeCreated") != null && event.time() != null;
    }

    /** The first element of a fragment (the check found one), with its values. */
    private static final class Root implements ElementView.Visitor {
        BinXmlNode.Element event;
        SubstitutionValue[] values;

        @Override
        public boolean element(BinXmlNode.Element e, SubstitutionValue[] values) {
            this.event = e;
            this.values = values;
            return false;
        }
    }

    /**
     * A carved record whose template was overwritten still parses, but its values land in the wrong elements
     * (a version string as Image). Each substitution declares the type it expects; a value of another type
     * (null aside) means the template is not the record's own.
     */
    static boolean typesAgree(BinXmlNode[] nodes, int depth) {
        if (depth > 64) return false;
        for (BinXmlNode n : nodes) {
            if (n instanceof BinXmlNode.TemplateInstance ti) {
                if (!substitutionsAgree(ti.template().body(), ti.types(), depth)) return false;
                for (SubstitutionValue v : ti.values()) {
                    if (v instanceof SubstitutionValue.Xml x && !typesAgree(x.nodes(), depth + 1)) return false;
                }
            } else if (n instanceof BinXmlNode.Element e && !typesAgree(e.content(), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean substitutionsAgree(BinXmlNode[] body, byte[] types, int depth) {
        if (depth > 64) return false;
        for (BinXmlNode n : body) {
            if (n instanceof BinXmlNode.Substitution s) {
                if (s.index() < types.length) {
                    int actual = types[s.index()] & 0xff;
                    if (actual != ValueTypes.NULL && actual != (s.type() & 0xff)) return false;
                }
            } else if (n instanceof BinXmlNode.Element e) {
                for (BinXmlNode.Attribute a : e.attributes()) {
                    if (!substitutionsAgree(a.value(), types, depth + 1)) return false;
                }
                if (!substitutionsAgree(e.content(), types, depth + 1)) return false;
            }
        }
        return true;
    }

    /** Whether the names of the element and of all in it (as expanded: attributes left out do not count) are XML names. */
    static boolean namesValid(BinXmlNode.Element e, SubstitutionValue[] values, int depth) {
        if (depth > NAMES_DEPTH || !xmlName(e.name())) return false;
        for (BinXmlNode.Attribute a : e.attributes()) {
            if (!xmlName(a.name()) && ElementView.attributeValue(a, values) != null) return false;
        }
        return ElementView.elements(e.content(), values, new NamesValid(depth + 1));
    }

    /** {@link #namesValid} at one depth; a class, not a capturing lambda, which C1 makes through a native call. */
    private record NamesValid(int depth) implements ElementView.Visitor {
        @Override
        public boolean element(BinXmlNode.Element e, SubstitutionValue[] values) {
            return namesValid(e, values, depth);
        }
    }

    static boolean xmlName(String n) {
        if (n.isEmpty()) return false;
        for (int i = 0; i < n.length(); i++) {
            if (!nameChar(n.charAt(i), i == 0)) return false;
        }
        return true;
    }

    /** Whether {@code c} may stand in a carved record's names, {@code first} or further on. */
    static boolean nameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                || !first && (c >= '0' && c <= '9' || c == '-' || c == '.');
    }

    private boolean signatureAt(int p) {
        return ByteScan.signatureAt(b, p, len);
    }

    private int nextSignature(int from, int end) {
        return ByteScan.nextSignature(b, from, end);
    }

    private boolean zeroFrom(int p, int end) {
        return ByteScan.zeroFrom(b, p, end);
    }

    private boolean allZero() {
        return zeroFrom(0, len);
    }

    private static String reason(RuntimeException e) {
        return e instanceof EvtxFormatException ? e.getMessage() : "unreadable (" + e + ")";
    }

    private void problem(long recordId, String reason) {
        problems.add(new Problem(recordId, "chunk " + index + ": " + reason));
    }
}
