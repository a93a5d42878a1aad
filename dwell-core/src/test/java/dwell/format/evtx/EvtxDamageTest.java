package dwell.format.evtx;

import static dwell.format.evtx.EvtxFormatTest.FILETIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damaged files: each kind of damage is reported with a reason, and everything else is still read. */
class EvtxDamageTest {
    /** A record without template: Event/System/{EventID, TimeCreated, EventRecordID}. */
    static int record(ChunkWriter w, long id) {
        int start = w.pos;
        w.beginRecord(id, FILETIME).fragmentHeader()
                .open("Event", false).closeStart().open("System", false).closeStart()
                .open("EventID", false).closeStart().text("4688").end()
                .open("TimeCreated", true).attribute("SystemTime", false).text("2021-03-02T12:34:56.1234567Z").closeEmpty()
                .open("EventRecordID", false).closeStart().text(Long.toString(id)).end()
                .end().end().eof().endRecord();
        return start;
    }

    static byte[] chunk(long... ids) {
        ChunkWriter w = new ChunkWriter();
        for (long id : ids) record(w, id);
        return w.finish();
    }

    private final List<Problem> problems = new ArrayList<>();

    private List<Long> ids(byte[] file) throws IOException {
        return EvtxFormatTest.read(file, problems).stream().filter(e -> !e.recovered()).map(EvtxEvent::recordId).toList();
    }

    private boolean reported(String words) {
        return problems.stream().anyMatch(p -> p.reason().contains(words));
    }

    @Test
    void cleanFileHasNoProblems() throws IOException {
        assertEquals(List.of(1L, 2L, 3L), ids(ChunkWriter.file(1, 0, chunk(1, 2, 3))));
        assertEquals(List.of(), problems);
    }

    @Test
    void checksumMismatchesAreReportedAndTheChunkStillRead() throws IOException {
        byte[] c = chunk(1, 2);
        c[60] ^= 1; // inside the header checksum's range
        c[ChunkHeader.SIZE + 40] ^= 0; // records untouched
        byte[] c2 = chunk(3);
        c2[52] ^= 1; // the records checksum itself
        assertEquals(List.of(1L, 2L, 3L), ids(ChunkWriter.file(2, 0, c, c2)));
        assertTrue(reported("chunk 0: chunk header checksum mismatch"), problems.toString());
        assertTrue(reported("chunk 1: chunk records checksum mismatch"), problems.toString());
    }

    @Test
    void corruptRecordIsSkippedToTheNextRecordSignature() throws IOException {
        ChunkWriter w = new ChunkWriter();
        record(w, 1);
        int second = record(w, 2);
        record(w, 3);
        byte[] c = w.finish();
        c[second + 28] = 0x7f; // an unknown token where record 2 opens its Event element
        assertEquals(List.of(1L, 3L), ids(ChunkWriter.file(1, 0, c)));
        assertTrue(reported("record 2: unexpected token 0x7f"), problems.toString());
    }

    @Test
    void brokenRecordHeadersAreSkipped() throws IOException {
        ChunkWriter w = new ChunkWriter();
        int first = record(w, 1);
        int second = record(w, 2);
        record(w, 3);
        byte[] c = w.finish();
        c[first] = 0; // signature gone
        w.put32(second + 4, 0x7fff0000); // size pointing outside the chunk
        System.arraycopy(w.c, second + 4, c, second + 4, 4);
        assertEquals(List.of(3L), ids(ChunkWriter.file(1, 0, c)));
        assertTrue(reported("no record at offset 512"), problems.toString());
        assertTrue(reported("record 2 at offset " + second + " has impossible size"), problems.toString());
    }

    @Test
    void recordCutAtTheEndOfTheFileIsReported() throws IOException {
        ChunkWriter w = new ChunkWriter();
        record(w, 1);
        int second = record(w, 2);
        byte[] file = ChunkWriter.file(1, 0, w.finish());
        byte[] cut = Arrays.copyOf(file, FileHeader.SIZE + second + 40);
        assertEquals(List.of(1L), ids(cut));
        assertTrue(reported("record 2 cut at the end of the file"), problems.toString());
        assertTrue(reported("chunk cut short"), problems.toString());
    }

    @Test
    void chunkCountInTheHeaderIsAdvisory() throws IOException {
        byte[] file = ChunkWriter.file(1, 0, chunk(1), chunk(2), new byte[ChunkHeader.CHUNK_SIZE]);
        assertEquals(List.of(1L, 2L), ids(file));
        assertEquals(List.of(), problems, "chunks beyond the count are read; an empty one beyond it is normal");
        problems.clear();
        assertEquals(List.of(1L), ids(ChunkWriter.file(3, 0, chunk(1), new byte[ChunkHeader.CHUNK_SIZE])));
        assertTrue(reported("chunk 1: chunk is empty (all zero bytes)"), problems.toString());
        assertTrue(reported("file header counts 3 chunks but the file holds 2"), problems.toString());
    }

    @Test
    void dirtyAndFullFlagsAreReadThrough() throws IOException {
        assertEquals(List.of(1L, 2L), ids(ChunkWriter.file(1, FileHeader.FLAG_DIRTY | FileHeader.FLAG_FULL, chunk(1), chunk(2))));
        assertTrue(reported("file marked dirty"), problems.toString());
    }

    @Test
    void fileHeaderWithoutSignatureStillGivesItsChunks() throws IOException {
        byte[] file = ChunkWriter.file(1, 0, chunk(1));
        file[0] = 'X';
        assertEquals(List.of(1L), ids(file));
        assertTrue(reported("file header: no EVTX file signature"), problems.toString());
    }

    @Test
    void slackSpaceRecordsAreRecoveredAndGarbageIsNot() throws IOException {
        ChunkWriter w = new ChunkWriter();
        record(w, 1);
        int end = w.pos;
        record(w, 2); // will lie beyond the free-space offset
        for (int i = 0; i < 64; i++) w.u8(i == 0 || i == 1 ? 0x2a : i * 7); // a signature followed by junk
        byte[] c = w.finish();
        w.put32(48, end);
        System.arraycopy(w.c, 48, c, 48, 4);
        List<EvtxEvent> events = EvtxFormatTest.read(ChunkWriter.file(1, 0, c), problems);
        assertEquals(2, events.size(), events.toString());
        assertFalse(events.get(0).recovered());
        assertTrue(events.get(1).recovered());
        assertEquals(2, events.get(1).recordId());
    }

    @Test
    void unusableChunkHeaderIsCarved() throws IOException {
        byte[] c = chunk(1, 2);
        c[0] = 0;
        List<EvtxEvent> events = EvtxFormatTest.read(ChunkWriter.file(1, 0, c), problems);
        assertEquals(List.of(1L, 2L), events.stream().map(EvtxEvent::recordId).toList());
        assertTrue(events.stream().allMatch(EvtxEvent::recovered));
        assertTrue(reported("no chunk signature"), problems.toString());
    }

    @Test
    void selfReferencingTemplateAndOversizedCountsAreRefused() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        w.fragmentHeader().open("Event", false).closeStart().templateRef(def).u32(0).end().eof();
        w.endInlineTemplate(def).u32(0).eof().endRecord();
        w.beginRecord(2, FILETIME).fragmentHeader().templateRef(def).u32(0x7fffffff).eof().endRecord();
        record(w, 3);
        assertEquals(List.of(3L), ids(ChunkWriter.file(1, 0, w.finish())));
        assertTrue(reported("refers to itself"), problems.toString());
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void templateOutsideTheChunkIsRefused() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader().templateRef(65530).u32(0).eof().endRecord();
        record(w, 2);
        assertEquals(List.of(2L), ids(ChunkWriter.file(1, 0, w.finish())));
        assertTrue(reported("record 1: structure at offset 65530"), problems.toString());
    }
}
