package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damages every file of the attack-samples corpus thousands of ways (cuts at chunk, header and random offsets;
 * random bit flips, some aimed at headers) and reads each mutant: no exception may escape, each read must end
 * in bounded time, and because chunks are independent every chunk the damage did not touch must give exactly
 * the records it gave undamaged.
 */
class EvtxMutationTest {
    private static final int CUTS = 5;
    private static final int FLIPS = 8;
    private static final long MAX_MILLIS_PER_MUTANT = 20_000;

    @Test
    void damagedFilesNeverThrowAndLoseOnlyDamagedChunks() throws Exception {
        List<Path> files = EvtxDifferentialTest.corpusFiles();
        Random random = new Random(20210302L);
        int mutants = 0;
        long slowest = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f); // test input, not evidence: the reader itself streams
            List<List<Long>> before = recordsPerChunk(original, original.length);
            int chunks = before.size();
            for (int i = 0; i < CUTS; i++) {
                int cut = switch (i) {
                    case 0 -> Math.min(original.length, FileHeader.SIZE + ChunkHeader.SIZE / 2);
                    case 1 -> Math.min(original.length, FileHeader.SIZE + ChunkHeader.CHUNK_SIZE * Math.max(0, chunks - 1) + 700);
                    default -> random.nextInt(original.length);
                };
                long t = System.nanoTime();
                List<List<Long>> after = recordsPerChunk(original, cut);
                slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
                mutants++;
                int whole = Math.max(0, (cut - FileHeader.SIZE) / ChunkHeader.CHUNK_SIZE);
                for (int c = 0; c < Math.min(whole, chunks); c++) {
                    if (!before.get(c).equals(after.get(c))) failures.add(f.getFileName() + " cut at " + cut + ": chunk " + c + " changed");
                }
            }
            for (int i = 0; i < FLIPS; i++) {
                byte[] m = original.clone();
                BitSet touched = new BitSet();
                int flips = 1 + random.nextInt(16);
                for (int k = 0; k < flips; k++) {
                    int at = aim(random, i, m.length, chunks);
                    m[at] ^= (byte) (1 << random.nextInt(8));
                    if (at >= FileHeader.SIZE) touched.set((at - FileHeader.SIZE) / ChunkHeader.CHUNK_SIZE);
                }
                long t = System.nanoTime();
                List<List<Long>> after = recordsPerChunk(m, m.length);
                slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
                mutants++;
                for (int c = 0; c < chunks; c++) {
                    if (!touched.get(c) && !before.get(c).equals(after.get(c))) {
                        failures.add(f.getFileName() + " flips " + touched + ": untouched chunk " + c + " changed");
                    }
                }
            }
        }
        System.out.println("evtx mutation: " + mutants + " mutants, slowest read " + slowest + " ms");
        assertTrue(mutants >= 3000, mutants + " mutants");
        assertTrue(slowest < MAX_MILLIS_PER_MUTANT, "slowest mutant took " + slowest + " ms");
        assertEquals(List.of(), failures);
    }

    /** Flips land anywhere, or on the file header, a chunk header, or the first records of a chunk. */
    private static int aim(Random random, int kind, int length, int chunks) {
        int chunk = FileHeader.SIZE + ChunkHeader.CHUNK_SIZE * random.nextInt(Math.max(1, chunks));
        int at = switch (kind % 4) {
            case 0 -> random.nextInt(Math.min(length, FileHeader.SIZE));
            case 1 -> chunk + random.nextInt(ChunkHeader.SIZE);
            case 2 -> chunk + ChunkHeader.SIZE + random.nextInt(4096);
            default -> random.nextInt(length);
        };
        return Math.min(at, length - 1);
    }

    /** The non-recovered record ids of each chunk of the first {@code length} bytes; any exception fails the test. */
    private static List<List<Long>> recordsPerChunk(byte[] file, int length) throws IOException {
        List<List<Long>> chunks = new ArrayList<>();
        new EvtxStream(1).read("mutant", new ByteArrayInputStream(file, 0, length), r -> {
            for (Problem p : r.problems()) {
                // a Java exception caught inside the parser is a parser defect, not damage it understood
                if (p.reason().contains("internal error") || p.reason().contains("unreadable (")) {
                    throw new AssertionError("parser defect on a mutant: " + p.reason());
                }
            }
            if (r.index() < 0) return;
            while (chunks.size() <= r.index()) chunks.add(new ArrayList<>());
            for (EvtxEvent e : r.events()) {
                if (!e.recovered()) chunks.get(r.index()).add(e.recordId());
                e.xml(); // rendering must survive whatever was parsed
            }
        });
        return chunks;
    }
}
