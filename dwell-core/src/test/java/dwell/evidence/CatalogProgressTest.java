package dwell.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A catalog walk tells its progress the files and bytes on disk it plans, and reads each byte once. */
class CatalogProgressTest {
    /** Counts what it is told. */
    static final class Counts implements Progress {
        final AtomicInteger planned = new AtomicInteger();
        final AtomicLong plannedBytes = new AtomicLong();
        final AtomicLong read = new AtomicLong();
        final AtomicInteger done = new AtomicInteger();

        @Override
        public void planned(int files, long bytes) {
            planned.addAndGet(files);
            plannedBytes.addAndGet(bytes);
        }

        @Override
        public void read(long bytes) {
            read.addAndGet(bytes);
        }

        @Override
        public void fileDone() {
            done.incrementAndGet();
        }
    }

    private static final ItemVisitor DRAIN = new ItemVisitor() {
        @Override
        public void visit(EvidenceItem item, InputStream content) throws IOException {
            content.transferTo(OutputStreamSink.INSTANCE);
        }

        @Override
        public void finished(EvidenceItem item, List<String> problems) {
        }
    };

    /** Discards bytes. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    @Test
    void examplesAreReadToTheirLastByteWhateverTheThreads() throws IOException {
        Path examples = Corpora.repoRoot().resolve("examples");
        long files;
        long bytes = 0;
        try (Stream<Path> s = Files.walk(examples)) {
            List<Path> all = s.filter(Files::isRegularFile).toList();
            files = all.size();
            for (Path p : all) bytes += Files.size(p);
        }
        assertTrue(files > 100 && bytes > 100_000, "examples/ holds archives and logs");
        for (int threads : new int[] {1, 3}) {
            Counts c = new Counts();
            new Catalog(CatalogLimits.DEFAULT, threads, c).walk(List.of(examples), DRAIN);
            assertEquals(files, c.planned.get());
            assertEquals(bytes, c.plannedBytes.get());
            assertEquals(files, c.done.get());
            // archives are hashed to their end, so every byte on disk is read, once
            assertEquals(bytes, c.read.get(), "threads " + threads);
        }
    }

    @Test
    void anUnreadablePathIsPlannedAndDoneButReadsNothing(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Counts c = new Counts();
        new Catalog(CatalogLimits.DEFAULT, 1, c).walk(List.of(tmp.resolve("missing.log")), DRAIN);
        assertEquals(0, c.read.get());
        assertEquals(c.planned.get(), c.done.get());
    }
}
