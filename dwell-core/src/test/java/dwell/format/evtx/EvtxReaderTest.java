package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.Format;
import dwell.format.Readers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registered reader, and parallel chunk parsing giving exactly the sequential output, in order. */
class EvtxReaderTest {
    @Test
    void registeredForEvtx() {
        assertInstanceOf(EvtxReader.class, Readers.forFormat(Format.EVTX));
    }

    @Test
    void parallelReadEqualsSequentialRead() throws IOException {
        List<Path> largest = EvtxDifferentialTest.corpusFiles().stream()
                .sorted(Comparator.comparingLong(EvtxReaderTest::size).reversed()).limit(8).toList();
        int total = 0;
        for (Path f : largest) {
            List<String> one = read(f, 1);
            List<String> four = read(f, 4);
            total += one.size();
            assertEquals(one, four, f.toString());
        }
        assertTrue(total > 300, "only " + total + " events and problems compared");
    }

    private static List<String> read(Path f, int threads) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxReader(threads).read(f.toString(), in, new EventSink() {
                @Override
                public void event(Event e) {
                    out.add(e.provenance().record() + " " + e.time() + " " + e.raw());
                }

                @Override
                public void unreadable(long position, String reason) {
                    out.add("problem " + position + " " + reason);
                }
            });
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
