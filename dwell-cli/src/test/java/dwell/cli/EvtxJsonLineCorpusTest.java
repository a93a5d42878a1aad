package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.evtx.ChunkHandler;
import dwell.format.evtx.ChunkResult;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import dwell.format.evtx.RecoveredRecords;
import dwell.text.Utf8Buffer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON lines of every record of the 277 corpus files are byte for byte what the writer before
 * ({@link ReferenceJsonLine}) wrote, rendered as the dump renders them: on the parsing threads, with one and with two
 * of them, slack-space records included.
 */
class EvtxJsonLineCorpusTest {
    /** A chunk rendered both ways on its parsing thread. */
    private record Both(byte[] ours, byte[] reference, int records) {
    }

    @Test
    void everyCorpusRecordIsWrittenAsBefore() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Dwell.corpus("evtx-attack-samples"))) {
            files = s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList();
        }
        assertTrue(files.size() >= 277, "corpus holds " + files.size() + " EVTX files");
        for (int threads : new int[] {1, 2}) {
            AtomicLong records = new AtomicLong();
            try (EvtxStream.Batch batch = new EvtxStream(threads, RecoveredRecords.ALL).batch()) {
                for (Path f : files) {
                    String file = f.toString();
                    EvtxJsonLine line = new EvtxJsonLine(file);
                    try (InputStream in = Files.newInputStream(f)) {
                        batch.read(file, in, new ChunkHandler<Both>() {
                            @Override
                            public Both prepare(ChunkResult chunk) {
                                Utf8Buffer ours = new Utf8Buffer(0);
                                Utf8Buffer reference = new Utf8Buffer(0);
                                for (EvtxEvent e : chunk.events()) {
                                    line.append(ours, e);
                                    ReferenceJsonLine.append(reference, file, e);
                                }
                                return new Both(bytes(ours), bytes(reference), chunk.events().size());
                            }

                            @Override
                            public void deliver(Both chunk, BitSet leftOut) {
                                assertArrayEquals(chunk.reference(), chunk.ours(), file + ", " + threads + " threads");
                                records.addAndGet(chunk.records());
                            }
                        });
                    }
                }
                batch.finish();
            }
            assertTrue(records.get() > 9000, records + " records");
        }
    }

    private static byte[] bytes(Utf8Buffer b) {
        return Arrays.copyOf(b.array(), b.size());
    }
}
