package dwell.evidence;

import static dwell.evidence.Fixtures.W3C;
import static dwell.evidence.Fixtures.utf8;
import static dwell.evidence.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void prepareMakesTheFolderAndMarksIt() throws IOException {
        Path out = dir.resolve("case/out");
        assertFalse(OutputFolder.isMarked(out));
        OutputFolder.prepare(out);
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        assertTrue(OutputFolder.isMarked(out));
        // again: an existing marker is kept, and nothing else is left behind by the write check
        OutputFolder.prepare(out);
        try (var s = Files.list(out)) {
            assertEquals(List.of(out.resolve(OutputFolder.MARKER)), s.toList());
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "not a folder");
        assertThrows(IOException.class, () -> OutputFolder.prepare(file));
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void aMarkedFolderIsNotWalkedAndIsReturned() throws IOException {
        write(dir, "W3SVC1/u_ex210303.log", utf8(W3C));
        write(dir, "out/findings.jsonl", utf8("{\"id\":\"f1\"}\n"));
        write(dir, "out/nested/u_ex210304.log", utf8(W3C));
        OutputFolder.prepare(dir.resolve("out"));
        Recorder r = new Recorder();
        List<Path> skipped = new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(dir), r);
        assertEquals(List.of(dir.resolve("out")), skipped);
        assertEquals(List.of(dir.resolve("W3SVC1/u_ex210303.log").toString()),
                r.paths());
    }

    @Test
    void aMarkedFolderNamedAsARootIsNotWalkedEither() throws IOException {
        write(dir, "out/u_ex210303.log", utf8(W3C));
        OutputFolder.prepare(dir.resolve("out"));
        Recorder r = new Recorder();
        assertEquals(List.of(dir.resolve("out")), new Catalog(CatalogLimits.DEFAULT, 1).walk(List.of(dir.resolve("out")), r));
        assertEquals(List.of(), r.paths());
    }

    @Test
    void aMarkerThatIsAFolderDoesNotCount() throws IOException {
        Files.createDirectories(dir.resolve("logs").resolve(OutputFolder.MARKER));
        assertFalse(OutputFolder.isMarked(dir.resolve("logs")));
    }
}
