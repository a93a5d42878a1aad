package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file signature that tells an EVTX file, and parallel chunk parsing giving exactly the sequential output, in order. */
class EvtxLogTest {
    @Test
    void sniffedByItsFileSignatureAlone() throws IOException {
        byte[] head = new byte[Head.BYTES];
        Path f = EvtxDifferentialTest.corpusFiles().get(0);
        int n;
        try (InputStream in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, head.length);
        }
        EvtxLog evtx = new EvtxLog(1);
        assertEquals(Clue.MAGIC, evtx.sniff(Head.of("renamed.txt", head, n)), "the name plays no part");
        head[7] = 'x';
        assertNull(evtx.sniff(Head.of("Security.evtx", head, n)), "the name alone is no sign");
        assertNull(evtx.sniff(Head.of("Security.evtx", "ElfFile".getBytes(StandardCharsets.ISO_8859_1), 7)), "cut short");
    }

    @Test
    void parallelReadEqualsSequentialRead() throws IOException {
        List<Path> largest = EvtxDifferentialTest.corpusFiles().stream()
                .sorted(Comparator.comparingLong(EvtxLogTest::size).reversed()).limit(8).toList();
        int total = 0;
        for (Path f : largest) {
            List<String> one = read(f, 1);
            List<String> four = read(f, 4);
            total += one.size();
            assertEquals(one, four, f.toString());
        }
        assertTrue(total > 300, "only " + total + " events and problems compared");
    }

    @Test
    void batchAcrossFilesEqualsFileByFileRead() throws IOException {
        // every file of the corpus and a cut copy, in one batch: chunks of many files in flight at once, yet
        // each file's results come in file order, files in the order read, and then() actions in their place
        List<Path> files = EvtxDifferentialTest.corpusFiles();
        byte[] cut = Arrays.copyOf(Files.readAllBytes(files.get(files.size() - 1)), 4096 + 65536 + 777);
        List<String> sequential = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                new EvtxStream(1).read(f.toString(), in, r -> describe(f.toString(), r, sequential));
            }
            sequential.add("after " + f);
        }
        new EvtxStream(1).read("cut", new ByteArrayInputStream(cut), r -> describe("cut", r, sequential));
        for (int threads : new int[] {1, 2, 3}) {
            List<String> batched = new ArrayList<>();
            try (EvtxStream.Batch batch = new EvtxStream(threads, RecoveredRecords.UNIQUE, 0).batch()) {
                for (Path f : files) {
                    try (InputStream in = Files.newInputStream(f)) {
                        batch.read(f.toString(), in, r -> describe(f.toString(), r, batched));
                    }
                    batch.then(() -> batched.add("after " + f));
                }
                batch.read("cut", new ByteArrayInputStream(cut), r -> describe("cut", r, batched));
                batch.finish();
            }
            assertEquals(sequential.size(), batched.size(), threads + " threads");
            assertEquals(sequential, batched, threads + " threads");
        }
        assertTrue(sequential.size() > 8000, "only " + sequential.size() + " lines compared");
    }

    @Test
    void chunksReadBeforeAStreamFailureAreDelivered() throws IOException {
        Path f = EvtxDifferentialTest.corpusFiles().stream().max(Comparator.comparingLong(EvtxLogTest::size)).orElseThrow();
        byte[] bytes = Files.readAllBytes(f);
        int failAt = 4096 + 3 * 65536 + 100;
        for (int threads : new int[] {1, 2}) {
            List<Integer> chunks = new ArrayList<>();
            InputStream failing = new ByteArrayInputStream(bytes, 0, failAt) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    if (n <= 0) throw new java.io.UncheckedIOException(new IOException("device gone"));
                    return n;
                }
            };
            InputStream wrapped = new java.io.FilterInputStream(failing) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
            };
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> new EvtxStream(threads, RecoveredRecords.UNIQUE, 0).read(f.toString(), wrapped, r -> chunks.add(r.index())));
            assertEquals("device gone", e.getMessage());
            assertEquals(List.of(0, 1, 2), chunks, threads + " threads: the three whole chunks read before the failure");
        }
    }

    private static void describe(String file, ChunkResult r, List<String> out) {
        for (Problem p : r.problems()) out.add(file + " chunk " + r.index() + " problem " + p.reason());
        for (EvtxEvent e : r.events()) out.add(file + " chunk " + r.index() + " " + e.recordId() + " " + e.xml());
    }

    private static List<String> read(Path f, int threads) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxLog(threads).read(f.toString(), in, new EventSink() {
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
