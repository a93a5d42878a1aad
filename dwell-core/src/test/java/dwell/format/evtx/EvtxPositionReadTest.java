package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read by position (their bytes in memory, or an open file), each chunk read by the thread that parses it:
 * the same results, problems and order as a stream of the same bytes, and files that change while read.
 */
class EvtxPositionReadTest {
    private static final int CHUNK = ChunkHeader.CHUNK_SIZE;
    private static final int HEAD = FileHeader.SIZE;

    @TempDir
    Path dir;

    @Test
    void positionReadsDeliverWhatAStreamDelivers() throws IOException {
        // the corpus and damaged copies of its largest file in one batch: chunks of many files in flight at once
        List<Path> corpus = EvtxDifferentialTest.corpusFiles();
        byte[] big = Files.readAllBytes(largest());
        List<byte[]> files = new ArrayList<>();
        for (Path f : corpus) files.add(Files.readAllBytes(f));
        for (int cut : new int[] {0, 100, 2000, HEAD, HEAD + 4, HEAD + CHUNK, HEAD + CHUNK + 777, HEAD + 3 * CHUNK - 1}) {
            files.add(Arrays.copyOf(big, cut));
        }
        byte[] badHeader = big.clone();
        badHeader[3] = 'x';
        files.add(badHeader);
        List<Path> onDisk = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) onDisk.add(Files.write(dir.resolve(i + ".evtx"), files.get(i)));

        for (RecoveredRecords recovered : new RecoveredRecords[] {RecoveredRecords.UNIQUE, RecoveredRecords.ALL}) {
            List<String> streamed = read(1, recovered, files.size(), (batch, i, out) ->
                    batch.read("f" + i, new ByteArrayInputStream(files.get(i)), out));
            assertTrue(streamed.size() > 8000, "only " + streamed.size() + " lines compared");
            assertTrue(streamed.contains("f" + corpus.size() + " -1 file header: file header cut short: 0 bytes"), "the empty file's problem");
            assertTrue(streamed.contains("f" + (corpus.size() + 6) + " -1 file header counts " + Le.u16(big, 42, HEAD)
                    + " chunks but the file holds 2 (cut short?)"), "a file shorter than its header claims");
            for (int threads : new int[] {1, 2, 3}) {
                assertEquals(streamed, read(threads, recovered, files.size(), (batch, i, out) -> batch.read("f" + i, files.get(i), out)),
                        recovered + ", bytes, " + threads + " threads");
                assertEquals(streamed, read(threads, recovered, files.size(), (batch, i, out) ->
                        batch.read("f" + i, new RandomAccessFile(onDisk.get(i).toFile(), "r"), out)), recovered + ", files, " + threads + " threads");
            }
        }
    }

    @Test
    void damagedFilesReadByPositionAsByStream() throws IOException {
        // random flips and cuts of the largest files: whatever a stream makes of the damage, position reads make too
        List<Path> largest = EvtxDifferentialTest.corpusFiles().stream()
                .sorted(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed()).limit(3).toList();
        Random random = new Random(20);
        List<byte[]> mutants = new ArrayList<>();
        for (Path f : largest) {
            byte[] original = Files.readAllBytes(f);
            for (int m = 0; m < 40; m++) {
                byte[] b = random.nextBoolean() ? original.clone() : Arrays.copyOf(original, random.nextInt(original.length));
                for (int flips = 1 + random.nextInt(8); flips > 0 && b.length > 0; flips--) b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                mutants.add(b);
            }
        }
        List<String> streamed = read(1, RecoveredRecords.UNIQUE, mutants.size(), (batch, i, out) ->
                batch.read("f" + i, new ByteArrayInputStream(mutants.get(i)), out));
        assertEquals(streamed, read(2, RecoveredRecords.UNIQUE, mutants.size(), (batch, i, out) -> batch.read("f" + i, mutants.get(i), out)));
        assertTrue(streamed.stream().anyMatch(s -> s.contains("checksum mismatch")), "damage was seen");
    }

    @Test
    void aFileThatShrinksWhileReadEndsWhereItsBytesEnd() throws IOException {
        byte[] big = Files.readAllBytes(largest());
        Path f = Files.write(dir.resolve("shrinks.evtx"), big);
        int left = HEAD + CHUNK + 100;
        // one thread reads each chunk just before it is parsed and delivered, so the file shrinks after chunk 0
        List<String> got = readChangingAfterChunk0(f, ch -> truncate(ch, left));
        List<String> expected = read(1, RecoveredRecords.ALL, 1, (batch, i, out) ->
                batch.read("f0", new ByteArrayInputStream(big, 0, left), out));
        expected.add(expected.size() - 1, "f0 -1 file changed size while read: " + big.length + " bytes when opened, " + left
                + " at the end; its chunks as they were read");
        assertEquals(expected, got);
        assertTrue(got.contains("f0 1 chunk 1: chunk cut short at the end of the file: 100 of 65536 bytes"), "chunk 1 is cut");
    }

    @Test
    void aFileThatGrowsWhileReadIsReadAsItWasWhenOpened() throws IOException {
        byte[] big = Files.readAllBytes(largest());
        Path f = Files.write(dir.resolve("grows.evtx"), big);
        List<String> got = readChangingAfterChunk0(f, ch -> append(ch, Arrays.copyOfRange(big, HEAD, HEAD + CHUNK)));
        List<String> expected = read(1, RecoveredRecords.ALL, 1, (batch, i, out) -> batch.read("f0", new ByteArrayInputStream(big), out));
        expected.add(expected.size() - 1, "f0 -1 file changed size while read: " + big.length + " bytes when opened, " + (big.length + CHUNK)
                + " at the end; its chunks as they were read");
        assertEquals(expected, got);
    }

    @Test
    void theBatchClosesTheFilesItReads() throws IOException {
        Path f = Files.write(dir.resolve("a.evtx"), Files.readAllBytes(largest()));
        RandomAccessFile finished = new RandomAccessFile(f.toFile(), "r");
        RandomAccessFile abandoned = new RandomAccessFile(f.toFile(), "r");
        try (EvtxStream.Batch batch = new EvtxStream(2, RecoveredRecords.UNIQUE, 0).batch()) {
            batch.read("a", finished, r -> { });
            batch.finish();
            assertFalse(finished.getFD().valid(), "closed once its chunks are read");
            batch.read("a", abandoned, r -> { });
        }
        assertFalse(abandoned.getFD().valid(), "closed with the batch that abandoned it");
    }

    /** Reads {@code f} on one thread, calling {@code change} with a writable channel once chunk 0 is delivered. */
    private List<String> readChangingAfterChunk0(Path f, Consumer<FileChannel> change) throws IOException {
        try (FileChannel writable = FileChannel.open(f, StandardOpenOption.WRITE)) {
            return read(1, RecoveredRecords.ALL, 1, (batch, i, out) -> batch.read("f0", new RandomAccessFile(f.toFile(), "r"), r -> {
                out.accept(r);
                if (r.index() == 0) change.accept(writable);
            }));
        }
    }

    private static void truncate(FileChannel ch, long size) {
        try {
            ch.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(FileChannel ch, byte[] bytes) {
        try {
            ch.write(ByteBuffer.wrap(bytes), ch.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a batch delivers for files 0..n-1 read by {@code reader}, one line per problem and event, with then() actions. */
    private static List<String> read(int threads, RecoveredRecords recovered, int n, Reader reader) throws IOException {
        List<String> out = new ArrayList<>();
        try (EvtxStream.Batch batch = new EvtxStream(threads, recovered, 0).batch()) {
            for (int i = 0; i < n; i++) {
                String name = "f" + i;
                reader.read(batch, i, r -> {
                    for (Problem p : r.problems()) out.add(name + " " + r.index() + " " + p.reason());
                    for (EvtxEvent e : r.events()) out.add(name + " " + r.index() + " " + e.position() + " " + e.recordId() + " " + e.xml());
                });
                int file = i;
                batch.then(() -> out.add("after f" + file));
            }
            batch.finish();
        }
        return out;
    }

    private static Path largest() throws IOException {
        return EvtxDifferentialTest.corpusFiles().stream().max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }

    private interface Reader {
        void read(EvtxStream.Batch batch, int i, Consumer<ChunkResult> out) throws IOException;
    }
}
