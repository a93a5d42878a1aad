package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shortcuts carving takes give the answers the full parse gives: the same messages, the same refusals. */
class CarveShortcutsTest {
    @Test
    void tokenMessagesSpellBytesAsFormatDid() {
        for (int v = 0; v <= 0xff; v++) assertEquals(String.format(Locale.ROOT, "%02x", v), BinXmlParser.hex2(v));
    }

    private static void body(byte[] b, int offset, int size) {
        b[offset + 20] = (byte) size;
        b[offset + 21] = (byte) (size >> 8);
        b[offset + 22] = (byte) (size >> 16);
        b[offset + 23] = (byte) (size >>> 24);
    }

    @Test
    void aTemplateFitsExactlyWhenItsDefinitionCanBeRead() {
        byte[] b = new byte[1000];
        ChunkData chunk = new ChunkData(b, 1000);
        body(b, 100, 876); // header 100..124, body to 1000: the last byte of the chunk
        assertTrue(chunk.templateFits(100));
        body(b, 100, 877);
        assertFalse(chunk.templateFits(100));
        assertThrows(EvtxFormatException.class, () -> chunk.template(100, 0));
        body(b, 100, -1); // a size read as unsigned: four gigabytes
        assertFalse(chunk.templateFits(100));
        assertThrows(EvtxFormatException.class, () -> chunk.template(100, 0));
        for (int outside : new int[] {-1, Integer.MIN_VALUE, 977, 1000, Integer.MAX_VALUE}) {
            assertFalse(chunk.templateFits(outside), "offset " + outside);
            assertThrows(EvtxFormatException.class, () -> chunk.template(outside, 0), "offset " + outside);
        }
        body(b, 976, 0); // an empty body ending at the chunk's end
        assertTrue(chunk.templateFits(976));
    }

    @Test
    void aTemplateParsedOnceStillFits() {
        byte[] b = new byte[200];
        body(b, 10, 1);
        b[34] = 0x00; // the body: end of fragment
        ChunkData chunk = new ChunkData(b, 200);
        Template t = chunk.template(10, 0);
        assertEquals(10, t.offset());
        assertTrue(chunk.templateFits(10));
    }

    /** A record-shaped candidate of a chunk's slack or live space, with the chunk's parser after its live records. */
    private interface Candidate {
        void visit(ChunkParser parser, int at, int size, String where);
    }

    /**
     * Visits every record-shaped candidate (signature, size and trailing size agree) in every chunk of the 277 samples,
     * the chunk parsed first so that its templates are as carving sees them.
     */
    private static void eachCandidate(Candidate visitor) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpora.path("evtx-attack-samples"))) {
            files = s.filter(f -> f.toString().endsWith(".evtx")).sorted().toList();
        }
        assertEquals(277, files.size());
        for (Path f : files) {
            byte[] all = Files.readAllBytes(f);
            for (int off = FileHeader.SIZE; off < all.length; off += ChunkHeader.CHUNK_SIZE) {
                int len = Math.min(ChunkHeader.CHUNK_SIZE, all.length - off);
                byte[] chunk = Arrays.copyOfRange(all, off, off + ChunkHeader.CHUNK_SIZE);
                ChunkParser parser = new ChunkParser(f.toString(), 0, chunk, len, true);
                parser.parse();
                for (int p = ByteScan.nextSignature(chunk, 0, len); p + 32 <= len; p = ByteScan.nextSignature(chunk, p + 1, len)) {
                    long size = Le.u32(chunk, p + 4, len);
                    if (size < 32 || p + size > len || Le.i32(chunk, p + (int) size - 4) != (int) size) continue;
                    visitor.visit(parser, p, (int) size, f + " chunk at " + off + " record at " + p);
                }
            }
        }
    }

    /**
     * Every record-shaped candidate of the 277 samples' chunks (live records and slack space alike) that carving
     * refuses without parsing is one the parse refuses too; thousands are refused so (EventData templates overwritten).
     */
    @Test
    void carvingRefusesUnparsedOnlyWhatTheParseRefuses() throws IOException {
        int[] candidates = {0};
        int[] refused = {0};
        eachCandidate((parser, at, size, where) -> {
            candidates[0]++;
            if (!parser.templateGone(at, size)) return;
            refused[0]++;
            assertThrows(RuntimeException.class, () -> parser.record(at, size, 0, true), where);
        });
        assertTrue(refused[0] > 9000 && candidates[0] > 20000, refused[0] + " of " + candidates[0] + " refused unparsed");
    }

    /**
     * Every record-shaped candidate of the 277 samples' chunks (live records and slack space alike) that carving
     * refuses without parsing is one the parse refuses too; thousands are refused so (EventData templates overwritten).
     */
    @Test
    void carvingRefusesByNamesOnlyWhatTheParseRefuses() throws IOException {
        int[] refused = {0};
        eachCandidate((parser, at, size, where) -> {
            boolean refuse;
            try {
                refuse = parser.namesRefused(at, size);
            } catch (EvtxFormatException brokenTemplate) {
                refuse = true;
            }
            if (!refuse) return;
            refused[0]++;
            assertThrows(RuntimeException.class, () -> parser.record(at, size, 0, true), where);
        });
        assertTrue(refused[0] > 700, refused[0] + " refused by their names");
    }

    /** {@code depth} elements named {@code name}, each in the one before, the innermost holding {@code inner}. */
    private static BinXmlNode[] nested(int depth, String name, BinXmlNode... inner) {
        BinXmlNode[] nodes = inner;
        for (int i = 0; i < depth; i++) nodes = new BinXmlNode[] {new BinXmlNode.Element(name, new BinXmlNode.Attribute[0], nodes)};
        return nodes;
    }

    private static BinXmlNode[] instance(BinXmlNode[] body, SubstitutionValue... values) {
        return new BinXmlNode[] {new BinXmlNode.TemplateInstance(new Template(0, "guid", body), values, new byte[0])};
    }

    /** The names walk's answer for a fragment's first element. */
    private static boolean walked(BinXmlNode[] fragment) {
        BinXmlNode.Element[] first = new BinXmlNode.Element[1];
        SubstitutionValue[][] values = new SubstitutionValue[1][];
        ElementView.elements(fragment, ElementView.NO_VALUES, (e, v) -> {
            first[0] = e;
            values[0] = v;
            return false;
        });
        return ChunkParser.namesValid(first[0], values[0], 0);
    }

    /**
     * Templates vouch for a carved event's names only where the walk of every name would pass: all their names XML
     * names, no element outside a template, none nested past the walk's depth, nested instances looked into.
     */
    @Test
    void templatesVouchForNamesOnlyWhereTheWalkPasses() {
        int deepest = ChunkParser.NAMES_DEPTH + 1;
        BinXmlNode[] fits = instance(nested(deepest, "Event"));
        assertTrue(CarvedNames.vouched(fits, deepest) && walked(fits));
        BinXmlNode[] deep = instance(nested(deepest + 1, "Event"));
        assertFalse(CarvedNames.vouched(deep, deepest) || walked(deep), "one element too deep");
        // the same depth reached through a Binary XML value
        BinXmlNode[] throughValue = instance(nested(deepest - 1, "Event", new BinXmlNode.Substitution(0, ValueTypes.BINXML, false)),
                new SubstitutionValue.Xml(instance(nested(2, "Data"))));
        assertFalse(CarvedNames.vouched(throughValue, deepest) || walked(throughValue));
        BinXmlNode[] badValue = instance(nested(2, "Event", new BinXmlNode.Substitution(0, ValueTypes.BINXML, false)),
                new SubstitutionValue.Xml(instance(nested(1, "Da ta"))));
        assertFalse(CarvedNames.vouched(badValue, deepest) || walked(badValue), "a value's template with a bad name");
        BinXmlNode[] bare = instance(nested(2, "Event", new BinXmlNode.Substitution(0, ValueTypes.BINXML, false)),
                new SubstitutionValue.Xml(nested(1, "Da ta")));
        assertFalse(CarvedNames.vouched(bare, deepest) || walked(bare), "an element outside a template");
        BinXmlNode[] inBody = instance(nested(2, "Event", instance(nested(1, "Da ta"))));
        assertFalse(CarvedNames.vouched(inBody, deepest) || walked(inBody), "an instance in a template body");
        BinXmlNode[] good = instance(nested(2, "Event", new BinXmlNode.Substitution(0, ValueTypes.BINXML, false)),
                new SubstitutionValue.Xml(instance(nested(1, "Data"))));
        assertTrue(CarvedNames.vouched(good, deepest) && walked(good));
    }

    /** Over every candidate of the 277 samples that parses: where the templates vouch for its names, the walk passes. */
    @Test
    void templatesVouchForCorpusNamesOnlyWhereTheWalkPasses() throws IOException {
        int[] vouched = {0};
        int[] walkedOnly = {0};
        eachCandidate((parser, at, size, where) -> {
            EvtxEvent e;
            try {
                e = parser.record(at, size, 0, true);
            } catch (RuntimeException | StackOverflowError refused) {
                return;
            }
            boolean walk = walked(e.fragment());
            if (CarvedNames.vouched(e.fragment(), ChunkParser.NAMES_DEPTH + 1)) {
                vouched[0]++;
                assertTrue(walk, where);
            } else if (walk) {
                walkedOnly[0]++;
            }
        });
        assertTrue(vouched[0] > 5000, vouched[0] + " vouched for, " + walkedOnly[0] + " walked alone");
    }
}
