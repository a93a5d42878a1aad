package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which threads parse a stream's chunks: the reading thread parses instead of waiting for a parsing thread, and
 * parses a new stream's first chunks alone (while the JIT compiles the parser); the order delivered never changes.
 */
class EvtxStreamThreadsTest {
    @Test
    void theReadingThreadParsesChunksRatherThanWait() throws IOException {
        Thread reader = Thread.currentThread();
        CountDownLatch readerParsed = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        // the parsing thread holds on to its first chunk until the reading thread has parsed one: only a reading
        // thread that parses while it waits lets it go before the time runs out
        List<Thread> prepared = read(new EvtxStream(2, RecoveredRecords.ALL, 0), chunk -> {
            if (Thread.currentThread() == reader) {
                readerParsed.countDown();
            } else if (held.compareAndSet(false, true)) {
                try {
                    readerParsed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertEquals(0, readerParsed.getCount(), "the reading thread waited instead of parsing");
        assertTrue(prepared.contains(reader));
    }

    @Test
    void aNewStreamParsesItsFirstChunksOnTheReadingThread() throws IOException {
        List<Thread> prepared = read(new EvtxStream(2, RecoveredRecords.ALL), chunk -> { });
        assertTrue(prepared.size() > EvtxStream.SOLO_CHUNKS, "only " + prepared.size() + " chunks read");
        for (int i = 0; i < EvtxStream.SOLO_CHUNKS; i++) {
            assertEquals(Thread.currentThread(), prepared.get(i), "chunk " + i + " in the order read");
        }
    }

    /** Reads the corpus in one batch; the thread that prepared each chunk, in the order delivered (file order). */
    private static List<Thread> read(EvtxStream stream, Consumer<ChunkResult> onPrepare) throws IOException {
        List<Thread> threads = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (EvtxStream.Batch batch = stream.batch()) {
            for (Path f : EvtxDifferentialTest.corpusFiles()) {
                long body = Math.max(0, Files.size(f) - FileHeader.SIZE);
                int chunks = (int) ((body + ChunkHeader.CHUNK_SIZE - 1) / ChunkHeader.CHUNK_SIZE);
                for (int i = 0; i < chunks; i++) expected.add(f + " " + i);
                try (InputStream in = Files.newInputStream(f)) {
                    batch.read(f.toString(), in, new ChunkHandler<Prepared>() {
                        @Override
                        public Prepared prepare(ChunkResult chunk) {
                            if (chunk.index() >= 0) onPrepare.accept(chunk);
                            return new Prepared(chunk.index(), Thread.currentThread());
                        }

                        @Override
                        public void deliver(Prepared chunk, BitSet leftOut) {
                            if (chunk.index() < 0) return; // file-level problems, prepared on the reading thread
                            delivered.add(f + " " + chunk.index());
                            threads.add(chunk.thread());
                        }
                    });
                }
            }
            batch.finish();
        }
        assertEquals(expected, delivered);
        return threads;
    }

    private record Prepared(int index, Thread thread) {
    }
}
