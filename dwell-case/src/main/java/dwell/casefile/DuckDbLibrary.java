package dwell.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * DuckDB's native library kept in a folder of the user's cache, for a release whose class path has DuckDB's driver
 * without it. The driver copies its 57 MB library out of its jar into a fresh temporary file on every run that opens a
 * case (0.3 s of CPU, inflating and writing it: bench/release-duckdb.sh); finding none in its jar, it loads the one on
 * java.library.path in place. bin/dwell names that folder and the driver's jar as released ({@link #FOLDER},
 * {@link #JAR}); this copies the platform's library there once and checks it on each run against the size and CRC-32
 * its jar records: a copy that is missing, stale, truncated or altered is copied anew (to a temporary file renamed
 * into place, so that concurrent runs never load a half-written one). A CRC, as in the rule cache: it catches damage;
 * no unkeyed digest stops someone able to write the user's own cache folder.
 */
public final class DuckDbLibrary {
    /** The system property naming the driver's jar as released, which holds the native libraries. */
    public static final String JAR = "dwell.duckdb.jar";
    /** The system property naming the folder on java.library.path where the library is kept. */
    public static final String FOLDER = "dwell.duckdb.folder";

    private static boolean ready;

    private DuckDbLibrary() {
    }

    /**
     * Makes sure, before DuckDB's driver first loads, that the library the properties name is in place; nothing when
     * they are not set (a build's ./dwell and the tests load the library their own way). Throws when it is not there
     * and cannot be put there.
     */
    static synchronized void ensure() throws IOException {
        if (ready) return;
        keep(System.getProperty(JAR), System.getProperty(FOLDER));
        ready = true;
    }

    /** {@link #ensure}'s work for a driver's {@code jar} and a {@code folder} (nothing when either is null). */
    static void keep(String jar, String folder) throws IOException {
        if (jar == null || folder == null) return;
        try {
            place(Path.of(jar), entryName(), Path.of(folder).resolve(System.mapLibraryName("duckdb_java")));
        } catch (IOException e) {
            throw new IOException("DuckDB's native library in " + folder + " is missing or damaged and cannot be replaced ("
                    + e.getMessage() + "): remove that folder", e);
        }
    }

    /** The jar entry of this platform's library, as DuckDB's driver names it. */
    public static String entryName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) return "libduckdb_java.so_osx_universal";
        String platform = os.startsWith("windows") ? "windows" : os.startsWith("linux") ? "linux" : os;
        return "libduckdb_java.so_" + platform + "_" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
    }

    /**
     * Copies {@code entry} of {@code jar} to {@code target} unless a file of its size and CRC-32 is there already;
     * returns whether it copied.
     */
    static boolean place(Path jar, String entry, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) throw new IOException(jar + " holds no " + entry + " for this platform");
            if (matches(target, e.getSize(), e.getCrc())) return false;
            Files.createDirectories(target.getParent());
            // a full folder fails here, before writing most of 57 MB on every run that retries
            long free = Files.getFileStore(target.getParent()).getUsableSpace();
            if (free < e.getSize()) throw new IOException("only " + (free >> 20) + " MB free, " + (e.getSize() >> 20) + " MB needed");
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try {
                CRC32 crc = new CRC32();
                try (InputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (crc.getValue() != e.getCrc() || Files.size(tmp) != e.getSize()) {
                    throw new IOException("the copy of " + entry + " from " + jar + " came out damaged");
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        }
    }

    /** Whether {@code file} has {@code size} bytes with that CRC-32 (mapped: ~10 ms for 57 MB on C1, its intrinsic). */
    static boolean matches(Path file, long size, long crc) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != size) return false;
        CRC32 c = new CRC32();
        try (FileChannel ch = FileChannel.open(file)) {
            for (long at = 0; at < size; at += Integer.MAX_VALUE) {
                c.update(ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(Integer.MAX_VALUE, size - at)));
            }
        }
        return c.getValue() == crc;
    }

    /** Run by bin/dwell when the folder has no library yet: JAR FOLDER; exits 1, saying why, when it cannot be put there. */
    public static void main(String[] args) {
        try {
            keep(args[0], args[1]);
        } catch (IOException | RuntimeException e) {
            System.err.println("dwell: " + e.getMessage());
            System.exit(1);
        }
    }
}
