package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class KnownTemplatesTest {
    /**
     * A chunk with {@code padding} bytes, then a name structure holding {@code shared} (a name an earlier template
     * defined), then a template definition: {@code <Event><Data Name="x">%0</Data><Data Name="x">%1</Data></Event>}
     * whose element names are inline or refer back to them, and whose attribute is named by the shared name.
     */
    private static Chunk chunk(int padding, String shared, String element, int guid) {
        ChunkWriter w = new ChunkWriter();
        w.pos += padding;
        int sharedAt = w.pos;
        w.u32(0).u16(0).u16(shared.length());
        for (char ch : shared.toCharArray()) w.u16(ch);
        w.u16(0);
        int def = w.pos;
        w.u32(0x7777 + padding); // the link to the next template: differs from chunk to chunk
        for (int i = 0; i < 16; i++) w.u8(guid + i);
        w.u32(0);
        w.fragmentHeader();
        w.open("Event", false).closeStart();
        int dataName = w.pos + 11; // where the first Data element's inline name lies: after its token, size and offset
        w.open(element, true).attribute("Name", false).text("x").closeStart().subst(0, ValueTypes.STRING, false).end();
        w.u8(0x41).u16(0xffff).u32(0).nameRef(dataName).u32(0); // a second element, its name referring back
        w.u8(0x06).nameRef(sharedAt).text("y").closeStart().subst(1, ValueTypes.STRING, false).end();
        w.end().eof();
        w.put32(def + 20, w.pos - (def + 24));
        return new Chunk(w.c, def, dataName);
    }

    private record Chunk(byte[] bytes, int def, int elementName) {
        Template template(KnownTemplates known) {
            return new ChunkData(bytes, bytes.length, known).template(def, 0);
        }
    }

    @Test
    void theSameDefinitionElsewhereInAnotherChunkIsParsedOnce() {
        KnownTemplates known = new KnownTemplates();
        Template first = chunk(512, "Name", "Data", 1).template(known);
        Chunk moved = chunk(2048, "Name", "Data", 1);
        assertSame(first, moved.template(known), "same GUID and bytes, names at other offsets: the same template");
        assertEquals(new ChunkData(moved.bytes(), moved.bytes().length).template(moved.def(), 0).body().length, first.body().length);
    }

    @Test
    void aChunkTakingAKnownTemplateKnowsItsNamesAsItsOwnParseWould() {
        KnownTemplates known = new KnownTemplates();
        chunk(512, "Name", "9ata", 1).template(known);
        Chunk moved = chunk(2048, "Name", "9ata", 1);
        ChunkData data = new ChunkData(moved.bytes(), moved.bytes().length, known);
        data.template(moved.def(), 0);
        data.carving();
        // decoded for a live record's template, a name is known while carving whatever it is (ChunkData#xmlName)
        assertEquals("9ata", data.xmlName(moved.elementName()));
    }

    @Test
    void aDefinitionThatDiffersIsParsedAnew() {
        KnownTemplates known = new KnownTemplates();
        Template first = chunk(512, "Name", "Data", 1).template(known);
        Template otherGuid = chunk(512, "Name", "Data", 2).template(known);
        assertNotSame(first, otherGuid);
        Template otherText = chunk(512, "Name", "Dota", 1).template(known);
        assertNotSame(first, otherText);
        assertEquals("Dota", ((BinXmlNode.Element) ((BinXmlNode.Element) otherText.body()[0]).content()[0]).name());
        Template otherShared = chunk(512, "Nome", "Data", 1).template(known);
        assertNotSame(first, otherShared, "a name defined outside the definition that reads otherwise");
        assertEquals("Nome", ((BinXmlNode.Element) ((BinXmlNode.Element) otherShared.body()[0]).content()[1]).attributes()[0].name());
        assertSame(first, chunk(4096, "Name", "Data", 1).template(known), "and the first is still known");
    }

    @Test
    void noneIsSharedWhileCarvingOrWithoutTheStreamsCache() {
        KnownTemplates known = new KnownTemplates();
        Template first = chunk(512, "Name", "Data", 1).template(known);
        Chunk again = chunk(1024, "Name", "Data", 1);
        ChunkData carving = new ChunkData(again.bytes(), again.bytes().length, known);
        carving.carving();
        assertNotSame(first, carving.template(again.def(), 0), "carving decodes names otherwise: its own parse");
        assertNotSame(first, again.template(null));
    }

    @Test
    void aBodyHoldingATemplateInstanceIsNotKept() {
        ChunkWriter w = new ChunkWriter();
        int def = w.pos;
        w.u32(0);
        for (int i = 0; i < 16; i++) w.u8(9);
        w.u32(0);
        w.fragmentHeader();
        w.open("Event", false).closeStart();
        int inner = w.beginInlineTemplate();
        w.fragmentHeader().open("Inner", false).closeEmpty().eof();
        w.endInlineTemplate(inner);
        w.values();
        w.end().eof();
        w.put32(def + 20, w.pos - (def + 24));
        KnownTemplates known = new KnownTemplates();
        Template first = new ChunkData(w.c, w.c.length, known).template(def, 0);
        assertNotSame(first, new ChunkData(w.c, w.c.length, known).template(def, 0), "its instance's values are the chunk's");
    }
}
