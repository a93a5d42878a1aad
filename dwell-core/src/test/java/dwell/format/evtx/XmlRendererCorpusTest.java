package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.text.Utf8Buffer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The renderer writes every record of the 277 corpus files byte for byte as the character-at-a-time renderer before
 * it ({@link ReferenceXml}) did, the way the dump uses it: a renderer per chunk, on the parsing threads, with one and
 * with two of them, slack-space records included.
 */
class XmlRendererCorpusTest {
    /** A chunk rendered both ways on its parsing thread. */
    private record Both(byte[] ours, byte[] reference, int records) {
    }

    @Test
    void everyCorpusRecordIsWrittenAsBefore() throws Exception {
        List<Path> files = EvtxDifferentialTest.corpusFiles();
        assertTrue(files.size() >= 277, "corpus holds " + files.size() + " EVTX files");
        for (int threads : new int[] {1, 2}) {
            AtomicLong records = new AtomicLong();
            try (EvtxStream.Batch batch = new EvtxStream(threads, RecoveredRecords.ALL).batch()) {
                for (Path f : files) {
                    try (InputStream in = Files.newInputStream(f)) {
                        batch.read(f.toString(), in, new ChunkHandler<Both>() {
                            @Override
                            public Both prepare(ChunkResult chunk) {
                                XmlRenderer renderer = new XmlRenderer();
                                Utf8Buffer ours = new Utf8Buffer(0);
                                Utf8Buffer reference = new Utf8Buffer(0);
                                for (EvtxEvent e : chunk.events()) {
                                    e.writeXml(ours, renderer);
                                    ReferenceXml.write(e.root(), reference);
                                    // and the text the hunt's keyword rules search
                                    assertEquals(ReferenceXml.render(e.root()), e.xml(), f + " record " + e.chunkRecordId());
                                }
                                return new Both(bytes(ours), bytes(reference), chunk.events().size());
                            }

                            @Override
                            public void deliver(Both chunk, BitSet leftOut) {
                                assertArrayEquals(chunk.reference(), chunk.ours(), f + ", " + threads + " threads");
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
