package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.evtx.ChunkResult;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import dwell.format.evtx.RecoveredRecords;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training log takes a dump down the paths a real one takes: many chunks, valid, each with carved copies. */
class TrainingLogTest {
    @TempDir
    Path tmp;

    @Test
    void everyChunkStaysValidAndHoldsACarvedCopy() throws Exception {
        Path log = tmp.resolve("carved.evtx");
        TrainingLog.write(Path.of("src/cds/train.evtx"), log);
        List<ChunkResult> chunks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(log)) {
            new EvtxStream(2, RecoveredRecords.ALL).read("carved.evtx", in, chunks::add);
        }
        // past the chunks a dump parses on its reading thread alone, so that the pool's threads start
        assertTrue(chunks.size() > EvtxStream.SOLO_CHUNKS, chunks.size() + " chunks");
        List<String> firstXml = null;
        for (ChunkResult c : chunks) {
            // the slack counts in no checksum: no chunk is reported, and the refused candidates are noise
            assertEquals(List.of(), c.problems(), "chunk " + c.index());
            List<String> live = new ArrayList<>();
            List<String> carved = new ArrayList<>();
            for (EvtxEvent e : c.events()) (e.recovered() ? carved : live).add(e.xml());
            assertEquals(2, live.size());
            // the copy of the second record, whose template the first defines, is carved; the first's copy, which
            // defines its template again away from where the chunk has it, is refused as the reader refuses such
            assertEquals(live.subList(1, 2), carved, "chunk " + c.index());
            if (firstXml == null) firstXml = live;
            assertEquals(firstXml, live);
        }
    }
}
