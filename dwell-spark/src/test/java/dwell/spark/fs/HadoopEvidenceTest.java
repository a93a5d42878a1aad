package dwell.spark.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.cli.Dwell;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.evidence.EvidencePaths;
import dwell.evidence.ItemVisitor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence read through Hadoop's client ({@code file://}, Hadoop's raw local file system) against the JVM's own reading
 * of the same files: the core's catalog sees the same items (archive members through the seekable channel a zip's
 * central directory needs), hashes and problems, under the URI as given.
 */
class HadoopEvidenceTest {
    @TempDir
    Path tmp;

    @Test
    void theCatalogReadsTheExamplesThroughHadoopAsFromDisk() throws Exception {
        Path examples = Dwell.root().resolve("examples");
        String uri = "file://" + examples;
        Path remote = EvidencePaths.of(uri);
        assertEquals(uri, remote.toString());
        TreeMap<String, String> local = catalog(examples);
        TreeMap<String, String> viaHadoop = catalog(remote);
        assertTrue(local.size() > 20, "items: " + local.size());
        TreeMap<String, String> mapped = new TreeMap<>();
        local.forEach((k, v) -> mapped.put("file://" + k, v));
        assertEquals(mapped, viaHadoop);
        assertTrue(viaHadoop.keySet().stream().anyMatch(k -> k.contains(".zip!/")), "zip members read");
        assertEquals(Catalog.files(List.of(examples)).stream().map(p -> "file://" + p).toList(),
                Catalog.files(List.of(remote)).stream().map(Path::toString).toList());
    }

    /** Item path -> sha256, format and problems. */
    private static TreeMap<String, String> catalog(Path root) throws Exception {
        TreeMap<String, String> items = new TreeMap<>();
        new Catalog(CatalogLimits.DEFAULT, 1).walk(List.of(root), new ItemVisitor() {
            @Override
            public void visit(EvidenceItem item, InputStream content) {
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
                items.put(item.path(), item.sha256() + " " + item.format() + " " + item.size() + " " + problems);
            }
        });
        return items;
    }

    @Test
    void everyFileIsListedAsItLiesChecksumFilesIncluded() throws Exception {
        Files.writeString(tmp.resolve("a.log"), "x");
        Files.writeString(tmp.resolve(".a.log.crc"), "not Hadoop's");
        Files.createDirectories(tmp.resolve("with space"));
        Files.writeString(tmp.resolve("with space/b.log"), "y");
        Path remote = EvidencePaths.of("file://" + tmp);
        List<String> names = new ArrayList<>();
        for (Path p : Catalog.files(List.of(remote))) names.add(remote.relativize(p).toString());
        assertEquals(List.of(".a.log.crc", "a.log", "with space/b.log"), names);
        assertEquals("y", Files.readString(remote.resolve("with space/b.log")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(remote.resolve("a.log")));
        assertTrue(Files.exists(tmp.resolve("a.log")));
    }

    @Test
    void aUriNoFileSystemServesIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidencePaths.of("nosuchscheme://x/y"));
        assertTrue(e.getMessage().contains("nosuchscheme://"), e.getMessage());
    }
}
