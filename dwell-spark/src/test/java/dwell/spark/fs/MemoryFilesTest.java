package dwell.spark.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The in-memory store the executors compile broadcast rules from, and the path rules every store shares. */
class MemoryFilesTest {
    private final MemoryFiles files = new MemoryFiles(Map.of(
            "/rules/yara/a.yar", bytes("rule a { condition: true }"),
            "/rules/yara/inc/b.yar", bytes("rule b { condition: true }"),
            "/rules/feed.txt", bytes("0123456789"),
            "relative/feed.txt", bytes("rel")));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPathShowsAsTheNameItWasGiven() throws Exception {
        assertEquals("/rules/feed.txt", files.path("/rules/feed.txt").toString());
        Path rel = files.path("relative/feed.txt");
        assertEquals("relative/feed.txt", rel.toString());
        assertFalse(rel.isAbsolute());
        assertArrayEquals(bytes("rel"), Files.readAllBytes(rel));
    }

    @Test
    void foldersAreTheFilesAncestorsAndWalkInNameOrder() throws Exception {
        assertTrue(Files.isDirectory(files.path("/rules")));
        assertTrue(Files.isRegularFile(files.path("/rules/feed.txt")));
        assertFalse(Files.exists(files.path("/rules/none")));
        assertThrows(NoSuchFileException.class, () -> Files.size(files.path("/rules/none")));
        try (Stream<Path> s = Files.walk(files.path("/rules"))) {
            assertEquals(List.of("/rules", "/rules/feed.txt", "/rules/yara", "/rules/yara/a.yar", "/rules/yara/inc",
                    "/rules/yara/inc/b.yar"), s.map(Path::toString).sorted().toList());
        }
        assertEquals(10, Files.size(files.path("/rules/feed.txt")));
    }

    @Test
    void aChannelSeeksAndReadsNothingPastTheEnd() throws Exception {
        try (SeekableByteChannel ch = Files.newByteChannel(files.path("/rules/feed.txt"))) {
            ByteBuffer b = ByteBuffer.allocate(3);
            ch.position(7);
            assertEquals(3, ch.read(b));
            assertEquals("789", new String(b.array(), StandardCharsets.UTF_8));
            ch.position(20);
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void nothingIsWritten() {
        Path p = files.path("/rules/feed.txt");
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.writeString(p, "x"));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.newByteChannel(p, StandardOpenOption.WRITE));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(p));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createDirectory(files.path("/new")));
        assertFalse(Files.isWritable(p));
    }

    @Test
    void pathsResolveRelativizeAndNormaliseAsUnixPathsDo() {
        Path a = files.path("/rules/yara/a.yar");
        assertEquals("/rules/yara", a.getParent().toString());
        assertEquals("a.yar", a.getFileName().toString());
        assertEquals("/", files.path("/rules").getParent().toString());
        assertNull(files.path("/").getParent());
        assertNull(files.path("x").getParent());
        assertEquals("/rules/yara/inc/b.yar", a.getParent().resolve("inc/b.yar").toString());
        assertEquals("/other", a.resolve("/other").toString());
        assertEquals("inc/b.yar", a.getParent().relativize(files.path("/rules/yara/inc/b.yar")).toString());
        assertEquals("../feed.txt", a.getParent().relativize(files.path("/rules/feed.txt")).toString());
        assertEquals("/rules/feed.txt", files.path("/rules/./yara/../feed.txt").normalize().toString());
        assertEquals("/a", files.path("/../a").normalize().toString());
        assertEquals("../a", files.path("x/../../a").normalize().toString());
        assertEquals("/rules/yara", files.path("/rules//yara/").toString());
        assertTrue(a.startsWith(files.path("/rules")));
        assertFalse(a.startsWith(files.path("/rul")));
        assertFalse(a.startsWith(Path.of("/rules")));
        assertTrue(a.endsWith(files.path("yara/a.yar")));
        assertEquals(3, a.getNameCount());
        assertEquals("yara/a.yar", a.subpath(1, 3).toString());
    }

    @Test
    void pathsOrderByTheirUtf8BytesAsTheJvmOrdersLocalPaths() {
        // U+FF21 (fullwidth A) sorts below U+1F600 (an emoji, a surrogate pair) in UTF-16, above it in UTF-8
        List<String> names = List.of("/x/\uD83D\uDE00", "/x/\uFF21", "/x/b", "/x/B");
        List<String> sorted = names.stream().map(files::path).sorted().map(Path::toString).toList();
        List<String> local = names.stream().map(Path::of).sorted().map(Path::toString).toList();
        assertEquals(local, sorted);
    }
}
