package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stream reuses its chunk buffers: a file read after others, cut short inside a chunk, reads exactly as it does
 * through a fresh stream, although its last chunk's buffer held another file's bytes before; and the events of a file
 * read before stay whole after their buffers were filled again (nothing refers to a parsed chunk's bytes).
 */
class EvtxChunkReuseTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFileReadsTheSameAfterOtherFilesFilledTheBuffers(int threads) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpora.path("evtx-attack-samples"))) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted(Comparator.comparingLong(EvtxChunkReuseTest::size)
                    .reversed().thenComparing(Comparator.naturalOrder())).limit(2).toList();
        }
        byte[] filler = Files.readAllBytes(files.get(0));
        byte[] whole = Files.readAllBytes(files.get(1));
        assertTrue(whole.length > FileHeader.SIZE + 2 * ChunkHeader.CHUNK_SIZE, files.get(1) + " has a second chunk to cut");
        for (int cut : new int[] {FileHeader.SIZE + ChunkHeader.CHUNK_SIZE + 30_000, FileHeader.SIZE + ChunkHeader.CHUNK_SIZE + 700,
                FileHeader.SIZE + 100}) {
            byte[] file = Arrays.copyOf(whole, cut);
            EvtxStream reused = new EvtxStream(threads, RecoveredRecords.UNIQUE, 0);
            List<Object> before = read(reused, filler);
            assertEquals(text(read(new EvtxStream(threads, RecoveredRecords.UNIQUE, 0), file)), text(read(reused, file)), "cut at " + cut);
            assertEquals(text(read(new EvtxStream(threads, RecoveredRecords.UNIQUE, 0), filler)), text(before), "read before the cut at " + cut);
        }
    }

    /** Every problem and every event of a file, in the order delivered. */
    private static List<Object> read(EvtxStream stream, byte[] file) throws IOException {
        List<Object> out = new ArrayList<>();
        stream.read("test.evtx", new ByteArrayInputStream(file), r -> {
            out.addAll(r.problems());
            out.addAll(r.events());
        });
        return out;
    }

    /** Problems and events (XML, fields, whether recovered) as text, worked out now. */
    private static List<String> text(List<Object> read) {
        return read.stream().map(o -> o instanceof EvtxEvent e ? e.recovered() + " " + e.xml() + " " + e.fields() : o.toString())
                .toList();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
