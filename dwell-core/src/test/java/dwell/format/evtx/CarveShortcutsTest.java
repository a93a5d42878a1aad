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

    /**
     * Every record-shaped candidate of the 277 samples' chunks (live records and slack space alike) that carving
     * refuses without parsing is one the parse refuses too; thousands are refused so (EventData templates overwritten).
     */
    @Test
    void carvingRefusesUnparsedOnlyWhatTheParseRefuses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpora.path("evtx-attack-samples"))) {
            files = s.filter(f -> f.toString().endsWith(".evtx")).sorted().toList();
        }
        assertEquals(277, files.size());
        int candidates = 0;
        int refused = 0;
        for (Path f : files) {
            byte[] all = Files.readAllBytes(f);
            for (int off = FileHeader.SIZE; off < all.length; off += ChunkHeader.CHUNK_SIZE) {
                int len = Math.min(ChunkHeader.CHUNK_SIZE, all.length - off);
                byte[] chunk = Arrays.copyOfRange(all, off, off + ChunkHeader.CHUNK_SIZE);
                ChunkParser parser = new ChunkParser(f.toString(), 0, chunk, len, true);
                parser.parse(); // the templates of the live records, as carving sees them
                for (int p = ByteScan.nextSignature(chunk, 0, len); p + 32 <= len; p = ByteScan.nextSignature(chunk, p + 1, len)) {
                    long size = Le.u32(chunk, p + 4, len);
                    if (size < 32 || p + size > len || Le.i32(chunk, p + (int) size - 4) != (int) size) continue;
                    candidates++;
                    if (!parser.templateGone(p, (int) size)) continue;
                    refused++;
                    int at = p;
                    assertThrows(RuntimeException.class, () -> parser.record(at, (int) size, 0, true), f + " chunk at " + off + " record at " + at);
                }
            }
        }
        assertTrue(refused > 9000 && candidates > 20000, refused + " of " + candidates + " refused unparsed");
    }

    /**
     * Every record-shaped candidate of the 277 samples' slack space that {@link CarvedNames} refuses before its values
     * are decoded is one the parse refuses too (its names are not XML names); hundreds are refused so.
     */
    @Test
    void carvingRefusesByNamesOnlyWhatTheParseRefuses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpora.path("evtx-attack-samples"))) {
            files = s.filter(f -> f.toString().endsWith(".evtx")).sorted().toList();
        }
        int refused = 0;
        for (Path f : files) {
            byte[] all = Files.readAllBytes(f);
            for (int off = FileHeader.SIZE; off < all.length; off += ChunkHeader.CHUNK_SIZE) {
                int len = Math.min(ChunkHeader.CHUNK_SIZE, all.length - off);
                byte[] chunk = Arrays.copyOfRange(all, off, off + ChunkHeader.CHUNK_SIZE);
                ChunkParser parser = new ChunkParser(f.toString(), 0, chunk, len, true);
                parser.parse(); // the chunk's templates as carving's end left them
                for (int p = ByteScan.nextSignature(chunk, 0, len); p + 32 <= len; p = ByteScan.nextSignature(chunk, p + 1, len)) {
                    long size = Le.u32(chunk, p + 4, len);
                    if (size < 32 || p + size > len || Le.i32(chunk, p + (int) size - 4) != (int) size) continue;
                    boolean refuse;
                    try {
                        refuse = parser.namesRefused(p, (int) size);
                    } catch (EvtxFormatException brokenTemplate) {
                        refuse = true;
                    }
                    if (!refuse) continue;
                    refused++;
                    int at = p;
                    assertThrows(RuntimeException.class, () -> parser.record(at, (int) size, 0, true), f + " chunk at " + off + " record at " + at);
                }
            }
        }
        assertTrue(refused > 700, refused + " refused by their names");
    }
}
