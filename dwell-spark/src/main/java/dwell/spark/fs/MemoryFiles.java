package dwell.spark.fs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Files held in memory under the names they had where they were read (rule files the driver sent to an executor), so
 * that the core's loaders read them, and name them in findings, as on the driver.
 */
public final class MemoryFiles {
    private final StoreFileSystem fs;

    /** {@code files} by their names as given, absolute or relative (relative ones sit under the store's root). */
    public MemoryFiles(Map<String, byte[]> files) {
        Map<String, byte[]> byStorePath = new HashMap<>();
        files.forEach((name, bytes) -> byStorePath.put(name.startsWith("/") ? name : "/" + name, bytes));
        this.fs = new StoreFileSystem(new BytesStore(byStorePath), null, null);
    }

    /** The path named {@code name}, as it was given (a relative name stays relative, as its string shows). */
    public Path path(String name) {
        return fs.getPath(name);
    }
}
