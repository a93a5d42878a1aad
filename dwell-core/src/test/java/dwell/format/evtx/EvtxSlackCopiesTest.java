package dwell.format.evtx;

import static dwell.format.evtx.EvtxFormatTest.FILETIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Record ids as Windows names them, and slack-space copies of live records: planted the way Windows leaves them
 * (a chunk written over a buffer that still holds another chunk keeps that chunk's records, at their offsets,
 * past its own), then read with each {@link RecoveredRecords} choice.
 */
class EvtxSlackCopiesTest {
    private static final long HOUR = 36_000_000_000L;

    /** A template-less record: System (EventID, TimeCreated, EventRecordID {@code rendered}), EventData if given. */
    static void record(ChunkWriter w, long header, String rendered, long filetime, String data) {
        w.beginRecord(header, filetime).fragmentHeader()
                .open("Event", false).closeStart().open("System", false).closeStart()
                .open("EventID", false).closeStart().text("4688").end()
                .open("TimeCreated", true).attribute("SystemTime", false).text(IsoInstant.format(ValueTypes.instant(filetime))).closeEmpty();
        if (rendered != null) w.open("EventRecordID", false).closeStart().text(rendered).end();
        w.end(); // System
        if (data != null) w.open("EventData", false).closeStart().open("Data", false).closeStart().text(data).end().end();
        w.end().eof().endRecord();
    }

    static void record(ChunkWriter w, long id, long filetime, String data) {
        record(w, id, Long.toString(id), filetime, data);
    }

    /** A chunk of records with ids {@code ids}, written at {@link EvtxFormatTest#FILETIME}, EventData "x". */
    static byte[] chunk(long... ids) {
        return chunk(FILETIME, "x", ids).finish();
    }

    static ChunkWriter chunk(long filetime, String data, long... ids) {
        ChunkWriter w = new ChunkWriter();
        for (long id : ids) record(w, id, filetime, data);
        return w;
    }

    /** {@code live}'s chunk, its slack holding what {@code stale} holds there: a reused buffer. */
    static byte[] over(byte[] stale, ChunkWriter live) {
        int free = live.pos;
        byte[] c = live.finish();
        System.arraycopy(stale, free, c, free, c.length - free);
        return c;
    }

    static byte[] file(byte[]... chunks) {
        return ChunkWriter.file(chunks.length, 0, chunks);
    }

    /** Delivered records as "id" (live) or "id r" (recovered), each with "@position". */
    static List<String> read(byte[] file, RecoveredRecords recovered, int threads) throws IOException {
        List<String> out = new ArrayList<>();
        new EvtxStream(threads, recovered, 0).read("test.evtx", new ByteArrayInputStream(file), r -> {
            for (EvtxEvent e : r.events()) {
                assertEquals(e.position(), e.provenance().line());
                assertEquals(e.recordId(), e.provenance().record());
                out.add(e.recordId() + (e.recovered() ? " r" : "") + " @" + e.position());
            }
        });
        return out;
    }

    @Test
    void recordIdIsTheRenderedEventRecordIdNotTheHeadersNumber() throws IOException {
        ChunkWriter w = new ChunkWriter();
        record(w, 1, "4711", FILETIME, null);
        EvtxEvent e = EvtxFormatTest.readChunk(w.finish()).get(0);
        assertEquals(4711, e.recordId());
        assertEquals(1, e.chunkRecordId());
        assertEquals(4711, e.provenance().record());
    }

    @Test
    void recordWithoutAUsableEventRecordIdFallsBackToTheHeadersNumber() throws IOException {
        ChunkWriter w = new ChunkWriter();
        record(w, 7, null, FILETIME, null);
        record(w, 8, "eight", FILETIME, null);
        record(w, 9, " 90 ", FILETIME, null);
        List<EvtxEvent> events = EvtxFormatTest.readChunk(w.finish());
        assertEquals(List.of(7L, 8L, 90L), events.stream().map(EvtxEvent::recordId).toList());
        assertEquals("eight", events.get(1).get("EventRecordID"), "the damaged value stays visible as a field");
    }

    @Test
    void copiesInTheNextChunkAreLeftOutUnlessAllAreAsked() throws IOException {
        byte[] first = chunk(1, 2, 3);
        byte[] f = file(first, over(first, chunk(FILETIME, "x", 4)));
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4"), read(f, RecoveredRecords.UNIQUE, 1));
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4", "2 r @5", "3 r @6"), read(f, RecoveredRecords.ALL, 1));
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4"), read(f, RecoveredRecords.NONE, 1));
    }

    @Test
    void copiesBeforeTheirOriginalAreLeftOut() throws IOException {
        byte[] later = chunk(4, 5, 6);
        byte[] f = file(over(later, chunk(FILETIME, "x", 9)), later);
        assertEquals(List.of("9 @1", "5 r @2", "6 r @3", "4 @4", "5 @5", "6 @6"), read(f, RecoveredRecords.ALL, 1));
        assertEquals(List.of("9 @1", "4 @4", "5 @5", "6 @6"), read(f, RecoveredRecords.UNIQUE, 1));
    }

    @Test
    void anOlderRecordReusingALiveIdIsKeptAndKeptApart() throws IOException {
        // the log was cleared an hour later and ids started again: the stale chunk's 2 and 3 are other records
        byte[] stale = chunk(FILETIME - HOUR, "x", 1, 2, 3).finish();
        byte[] f = file(chunk(1, 2, 3), over(stale, chunk(FILETIME, "x", 4)));
        List<String> read = read(f, RecoveredRecords.UNIQUE, 1);
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4", "2 r @5", "3 r @6"), read);

        List<EvtxEvent> events = new ArrayList<>();
        new EvtxStream(1).read("test.evtx", new ByteArrayInputStream(f), r -> events.addAll(r.events()));
        assertEquals(events.get(1).provenance().record(), events.get(4).provenance().record());
        assertNotEquals(events.get(1).provenance(), events.get(4).provenance(), "same EventRecordID, told apart by position");
    }

    @Test
    void aCopyThatLostItsEventDataIsACopyOneWithOtherDataIsNot() throws IOException {
        byte[] live = chunk(1, 2, 3);
        // the stale records lack EventData (as copies whose nested template is gone) or hold another value
        ChunkWriter stale = new ChunkWriter();
        record(stale, 1, FILETIME, null);
        record(stale, 2, FILETIME, null);
        record(stale, 3, FILETIME, "y");
        byte[] f = file(live, over(stale.finish(), chunk(FILETIME, null, 4)));
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4", "2 r @5", "3 r @6"), read(f, RecoveredRecords.ALL, 1));
        assertEquals(List.of("1 @1", "2 @2", "3 @3", "4 @4", "3 r @6"), read(f, RecoveredRecords.UNIQUE, 1));
    }

    @Test
    void copiesAreJudgedWithinReachChunks() throws IOException {
        byte[] first = chunk(1, 2, 3);
        for (int gap = SlackCopies.REACH - 1; gap <= SlackCopies.REACH; gap++) {
            List<byte[]> chunks = new ArrayList<>();
            chunks.add(first);
            for (int i = 0; i < gap; i++) chunks.add(chunk(10 + i));
            chunks.add(over(first, chunk(FILETIME, "x", 4)));
            byte[] f = file(chunks.toArray(byte[][]::new));
            List<String> read = read(f, RecoveredRecords.UNIQUE, 1);
            boolean within = gap + 1 <= SlackCopies.REACH;
            assertEquals(within ? 0 : 2, read.stream().filter(s -> s.contains(" r ")).count(),
                    "copy " + (gap + 1) + " chunks after its original: " + read);
        }
    }

    @Test
    void onlyLiveRecordsWrittenWhenACopyWasHaveTheirIdsWalked() {
        byte[] first = chunk(1, 2, 3);
        ChunkResult a = new ChunkParser("t", 0, first, first.length, true).parse();
        byte[] second = over(first, chunk(FILETIME + HOUR, "x", 4));
        ChunkResult b = new ChunkParser("t", 1, second, second.length, true).parse();
        SlackCopies copies = new SlackCopies();
        copies.admit(a);
        copies.admit(b);
        copies.end();
        assertTrue(copies.copies(a).isEmpty());
        assertEquals(List.of("1", "2", "3", "4", "2 r", "3 r"),
                Stream.concat(a.events().stream(), b.events().stream()).map(e -> e.chunkRecordId() + (e.recovered() ? " r" : "")).toList());
        assertEquals(BitSet.valueOf(new long[] {0b110}), copies.copies(b), "both copies still found");
        EvtxEvent live = b.events().get(0);
        assertFalse(live.recordIdRead(), "record 4, written an hour after the copies, is no candidate original");
        assertTrue(a.events().get(1).recordIdRead());
    }

    @Test
    void theSameRecordsWhateverTheThreadCountAcrossFiles() throws IOException {
        byte[] first = chunk(1, 2, 3);
        byte[] later = chunk(4, 5, 6);
        byte[] stale = chunk(FILETIME - HOUR, "x", 1, 2, 3).finish();
        List<byte[]> files = List.of(
                file(first, over(first, chunk(FILETIME, "x", 4))),
                file(over(later, chunk(FILETIME, "x", 9)), later, chunk(7), chunk(8)),
                file(chunk(1, 2, 3), over(stale, chunk(FILETIME, "x", 4)), over(first, chunk(FILETIME, "x", 5))));
        for (RecoveredRecords policy : RecoveredRecords.values()) {
            List<String> one = readBatch(files, policy, 1);
            assertFalse(one.isEmpty());
            for (int threads : new int[] {2, 3, 8}) assertEquals(one, readBatch(files, policy, threads), policy + ", " + threads + " threads");
        }
        assertTrue(readBatch(files, RecoveredRecords.UNIQUE, 1).contains("file 2: 2 r @5"));
    }

    private static List<String> readBatch(List<byte[]> files, RecoveredRecords policy, int threads) throws IOException {
        List<String> out = new ArrayList<>();
        try (EvtxStream.Batch batch = new EvtxStream(threads, policy, 0).batch()) {
            for (int i = 0; i < files.size(); i++) {
                String name = "file " + i;
                batch.read(name, new ByteArrayInputStream(files.get(i)), r -> {
                    for (EvtxEvent e : r.events()) out.add(name + ": " + e.recordId() + (e.recovered() ? " r" : "") + " @" + e.position());
                });
                batch.then(() -> out.add("after " + name));
            }
            batch.finish();
        }
        return out;
    }
}
