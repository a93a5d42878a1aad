package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reasons spelled only when read are the reasons spelled at once before. */
class EvtxFormatExceptionTest {
    @Test
    void reasonsReadLaterAreSpelledAsBefore() {
        assertEquals("structure at offset 5 (4 bytes) runs past its end 6",
                assertThrows(EvtxFormatException.class, () -> Le.check(5, 4, 6)).getMessage());
        byte[] b = new byte[64];
        b[3] = 0x10;
        ChunkData chunk = new ChunkData(b, b.length);
        assertEquals("unexpected token 0x10 at offset 3",
                assertThrows(EvtxFormatException.class, () -> new BinXmlParser(chunk, 3, 10, false, 0).fragment()).getMessage());
        b[20] = 50; // a template whose body runs past the chunk
        assertEquals("template at offset 0 runs past the chunk", assertThrows(EvtxFormatException.class, () -> chunk.template(0, 0)).getMessage());
        assertEquals("plain", new EvtxFormatException("plain").getMessage());
    }
}
