package dwell.casefile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLibraryTest {
    private static final String ENTRY = "libduckdb_java.so_test_amd64";

    @TempDir
    Path tmp;

    /** A jar holding {@code bytes} as {@link #ENTRY}. */
    private Path jar(byte[] bytes) throws IOException {
        return jar(ENTRY, bytes);
    }

    private Path jar(String entry, byte[] bytes) throws IOException {
        Path jar = tmp.resolve("duckdb_jdbc-test.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("org/duckdb/Some.class"));
            z.write(new byte[] {1, 2, 3});
            z.putNextEntry(new ZipEntry(entry));
            z.write(bytes);
        }
        return jar;
    }

    private static byte[] library() {
        byte[] b = new byte[300_000];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void copiesTheLibraryOnceAndLeavesAnIntactCopyAlone() throws IOException {
        byte[] lib = library();
        Path jar = jar(lib);
        Path target = tmp.resolve("cache/duckdb/duckdb_jdbc-test/libduckdb_java.so");

        assertTrue(DuckDbLibrary.place(jar, ENTRY, target));
        assertArrayEquals(lib, Files.readAllBytes(target));
        assertFalse(DuckDbLibrary.place(jar, ENTRY, target), "an intact copy is used as it is");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void replacesADamagedTruncatedOrStaleCopy() throws IOException {
        byte[] lib = library();
        Path jar = jar(lib);
        Path target = tmp.resolve("lib/libduckdb_java.so");
        DuckDbLibrary.place(jar, ENTRY, target);

        byte[] flipped = lib.clone();
        flipped[123_456] ^= 0x10;
        Files.write(target, flipped);
        assertTrue(DuckDbLibrary.place(jar, ENTRY, target), "same size, one bit altered");
        assertArrayEquals(lib, Files.readAllBytes(target));

        Files.write(target, java.util.Arrays.copyOf(lib, lib.length / 2));
        assertTrue(DuckDbLibrary.place(jar, ENTRY, target), "truncated");
        assertArrayEquals(lib, Files.readAllBytes(target));

        byte[] newer = library();
        newer[0] ^= 1;
        assertTrue(DuckDbLibrary.place(jar(newer), ENTRY, target), "another driver's library");
        assertArrayEquals(newer, Files.readAllBytes(target));
    }

    @Test
    void aFolderThatCannotBeWrittenOrAMissingEntryIsAnError() throws IOException {
        Path jar = jar(library());
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertThrows(IOException.class, () -> DuckDbLibrary.place(jar, ENTRY, file.resolve("libduckdb_java.so")));
        IOException e = assertThrows(IOException.class, () -> DuckDbLibrary.place(jar, "libduckdb_java.so_beos_m68k",
                tmp.resolve("lib/libduckdb_java.so")));
        assertTrue(e.getMessage().contains("libduckdb_java.so_beos_m68k"), e.getMessage());
    }

    @Test
    void aRunWithoutTheReleasesPropertiesLeavesTheLibraryToTheDriverAndOneThatCannotKeepItSaysWhatToDo() throws IOException {
        DuckDbLibrary.keep(null, null);
        Path jar = jar(DuckDbLibrary.entryName(), library());
        Path folder = Files.writeString(tmp.resolve("not-a-folder"), "x").resolve("duckdb");
        IOException e = assertThrows(IOException.class, () -> DuckDbLibrary.keep(jar.toString(), folder.toString()));
        assertTrue(e.getMessage().startsWith("DuckDB's native library in " + folder) && e.getMessage().endsWith("remove that folder"),
                e.getMessage());
    }

    @Test
    void concurrentRunsEachFindAnIntactLibrary() throws Exception {
        byte[] lib = library();
        Path jar = jar(lib);
        Path target = tmp.resolve("shared/libduckdb_java.so");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> run = () -> {
                DuckDbLibrary.place(jar, ENTRY, target);
                return DuckDbLibrary.matches(target, lib.length, crc(lib));
            };
            List<Future<Boolean>> runs = pool.invokeAll(List.of(run, run, run, run, run, run, run, run));
            for (Future<Boolean> r : runs) assertTrue(r.get());
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList());
        }
    }

    /** The entry this platform's runs look for is one the driver's jar holds, under the name the driver uses. */
    @Test
    void namesTheEntryOfTheDriversJarForThisPlatform() throws Exception {
        Path driverJar = Path.of(org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ZipFile z = new ZipFile(driverJar.toFile())) {
            assertNotNull(z.getEntry(DuckDbLibrary.entryName()), DuckDbLibrary.entryName() + " in " + driverJar);
        }
    }

    private static long crc(byte[] b) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b);
        return c.getValue();
    }
}
