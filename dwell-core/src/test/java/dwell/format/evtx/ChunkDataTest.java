package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkDataTest {
    /** A chunk holding the name structure (next offset, hash, count, UTF-16 text, terminator) of each text at 512 * i. */
    private static ChunkData chunkOf(String... names) {
        byte[] b = new byte[4096];
        for (int i = 0; i < names.length; i++) {
            byte[] text = names[i].getBytes(StandardCharsets.UTF_16LE);
            int at = 512 * i;
            b[at + 6] = (byte) names[i].length();
            System.arraycopy(text, 0, b, at + 8, text.length);
        }
        return new ChunkData(b, b.length);
    }

    @Test
    void whileCarvingAnElementNameThatIsNoXmlNameIsNotDecoded() {
        ChunkData chunk = chunkOf("Event", "Ünïcode näme", "9lives", "Da\u4e2dta");
        assertEquals("Ünïcode näme", chunk.xmlName(512), "live records' names are decoded whatever they are");
        chunk.carving();
        assertEquals("Event", chunk.xmlName(0));
        assertEquals("Ünïcode näme", chunk.xmlName(512), "decoded before carving: known");
        assertSame(ChunkData.NOT_A_NAME, chunk.xmlName(1024), "a digit first");
        assertSame(ChunkData.NOT_A_NAME, chunk.xmlName(1536), "a character beyond Latin-1");
        assertEquals("9lives", chunk.name(1024), "other names (entities, targets) are still decoded");
    }

    @Test
    void whileCarvingANameRunningPastTheChunkIsStillRefused() {
        byte[] b = new byte[64];
        b[56 + 6] = 100; // 100 characters from offset 64: past the end
        ChunkData chunk = new ChunkData(b, b.length);
        chunk.carving();
        assertThrows(EvtxFormatException.class, () -> chunk.xmlName(56));
    }
}
