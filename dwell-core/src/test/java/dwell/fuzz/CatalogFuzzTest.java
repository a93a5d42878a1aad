package dwell.fuzz;

import static dwell.fuzz.FuzzTargets.UNTIL_STOPPED;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.evidence.ItemVisitor;
import dwell.format.LogFormat;
import dwell.formats.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz targets of the catalog's archive walking: the input is written as a zip, tar, tar.gz or gz file and
 * walked as evidence, every member read by its format's reader. The walk itself must never throw.
 */
class CatalogFuzzTest {
    /** Small limits keep each run short; the limits themselves are part of what is exercised. */
    private static final CatalogLimits LIMITS = new CatalogLimits(64L << 20, 1000, 4, 16L << 20);
    private static final Path DIR = tempDir();

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("dwell-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(String name, byte[] data) throws IOException {
        Path file = Files.write(DIR.resolve(name), data);
        try {
            new Catalog(LIMITS, 1).walkFile(file, new ItemVisitor() {
                @Override
                public void visit(EvidenceItem item, InputStream content) throws IOException {
                    LogFormat f = Formats.of(item.format());
                    if (f != null) f.read(item.path(), content, new FuzzTargets.Counter());
                }

                @Override
                public void finished(EvidenceItem item, List<String> problems) {
                    for (String p : problems) {
                        if (p == null || p.isEmpty()) throw new IllegalStateException("a problem needs a reason: " + item);
                    }
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void zip(byte[] data) throws IOException {
        walk("fuzz.zip", data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void tar(byte[] data) throws IOException {
        walk("fuzz.tar", data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void gzip(byte[] data) throws IOException {
        walk("fuzz.log.gz", data);
    }
}
