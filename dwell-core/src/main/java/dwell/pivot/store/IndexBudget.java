package dwell.pivot.store;

import java.nio.file.Path;

/**
 * What the pivot index may use: bytes of heap before it spills, bytes of disk it may spill (always keeping
 * {@link #KEEP_FREE} free on that disk), and the folder its private spill folder is made in.
 */
public record IndexBudget(long memory, long disk, Path spillParent) {
    /** Bytes the spill folder's disk keeps free whatever the disk budget says. */
    public static final long KEEP_FREE = 1L << 30;

    public IndexBudget {
        if (memory < 0 || disk < 0) throw new IllegalArgumentException("negative index budget");
    }

    /** A quarter of the heap, any disk space but the last GiB, the JVM's temp folder. */
    public static IndexBudget defaults() {
        return new IndexBudget(Runtime.getRuntime().maxMemory() / 4, Long.MAX_VALUE, defaultSpillParent());
    }

    public static Path defaultSpillParent() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public IndexBudget withMemory(long bytes) {
        return new IndexBudget(bytes, disk, spillParent);
    }

    public IndexBudget withDisk(long bytes) {
        return new IndexBudget(memory, bytes, spillParent);
    }

    public IndexBudget withSpillParent(Path p) {
        return new IndexBudget(memory, disk, p);
    }
}
