package dwell.pivot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pivot index's share of memory and disk: pages stay in memory while the budget allows and go to files in
 * a private folder beyond it; the first limit met (disk budget, full disk, write error) is kept as the reason
 * the index stopped growing. {@link #close()} deletes the folder, as does a shutdown hook if the JVM ends first.
 */
public final class SpillSpace implements AutoCloseable {
    /** How often (in spilled bytes) the disk's free space is checked again. */
    private static final long FREE_CHECK_EVERY = 64L << 20;

    private final IndexBudget budget;
    private final int pageBits;
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong fixed = new AtomicLong();
    private final AtomicReference<String> limit = new AtomicReference<>();
    private final AtomicLong refusals = new AtomicLong();
    private volatile String latest;
    private final Map<Path, FileChannel> files = new LinkedHashMap<>();
    private long disk;
    private long diskCap;
    private long nextFreeCheck = FREE_CHECK_EVERY;
    private boolean firstPassOver;
    private Path dir;
    private Thread hook;
    private boolean closed;

    public SpillSpace(IndexBudget budget) {
        this(budget, PagedBytes.PAGE_BITS);
    }

    /** With pages of {@code 2^pageBits} bytes: tests use small ones to spill small data. */
    public SpillSpace(IndexBudget budget, int pageBits) {
        if (pageBits < 6 || pageBits > 24) throw new IllegalArgumentException("page bits out of range: " + pageBits);
        this.budget = budget;
        this.pageBits = pageBits;
    }

    int pageBits() {
        return pageBits;
    }

    public IndexBudget budget() {
        return budget;
    }

    /** Reserves memory for a page that may stay resident; false when it must spill. */
    boolean keepPage(long bytes) {
        while (true) {
            long p = pages.get();
            if (p + fixed.get() + bytes > budget.memory()) return false;
            if (pages.compareAndSet(p, p + bytes)) return true;
        }
    }

    /** Counts a page kept in memory past the budget because it could not spill (a limit was met). */
    void keepPageAnyway(long bytes) {
        pages.addAndGet(bytes);
    }

    void releasePages(long bytes) {
        pages.addAndGet(-bytes);
    }

    /**
     * Counts memory that cannot spill (a dictionary's table). Past half the budget this is a limit: the index
     * stops growing, reported as {@code what} outgrowing its share.
     */
    public boolean reserveFixed(long bytes, String what) {
        long now = fixed.addAndGet(bytes);
        if (now <= budget.memory() / 2) return true;
        fail(what + " needs more than half the index's memory budget of " + ByteSize.human(budget.memory())
                + " (--pivot-memory)");
        return false;
    }

    public void releaseFixed(long bytes) {
        fixed.addAndGet(-bytes);
    }

    /**
     * After the first pass the whole disk budget is open. The first pass gets a quarter: sorting the postings of
     * what it indexed takes runs and final lists, each about as large as the events.
     */
    public synchronized void firstPassOver() {
        firstPassOver = true;
    }

    /** A file of the spill folder, open for reading and writing. */
    record SpillFile(Path path, FileChannel channel) {
    }

    /** Opens a new file in the spill folder, making the folder on first use. */
    synchronized SpillFile create(String name) throws IOException {
        ensureFolder();
        Path f = Files.createTempFile(dir, name + "-", ".bin");
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        files.put(f, ch);
        return new SpillFile(f, ch);
    }

    private void ensureFolder() throws IOException {
        if (closed) throw new IOException("the spill folder is closed");
        if (dir != null) return;
        Files.createDirectories(budget.spillParent());
        dir = Files.createTempDirectory(budget.spillParent(), "dwell-pivot-");
        hook = new Thread(this::deleteAll, "dwell-pivot-spill-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        long usable = Files.getFileStore(dir).getUsableSpace();
        diskCap = Math.min(budget.disk(), Math.max(0, usable - IndexBudget.KEEP_FREE));
    }

    /** Accounts bytes about to be written to the spill folder; false (and a limit) when they would not fit. */
    synchronized boolean reserveDisk(long bytes) {
        try {
            ensureFolder();
        } catch (IOException e) {
            fail("cannot make a spill folder in " + budget.spillParent() + ": " + e.getMessage());
            return false;
        }
        long cap = firstPassOver ? diskCap : diskCap / 4;
        if (disk + bytes > cap) {
            String why = diskCap < budget.disk()
                    ? "the disk of the spill folder " + dir + " must keep " + ByteSize.human(IndexBudget.KEEP_FREE) + " free"
                    : "the spill folder reached its disk budget of " + ByteSize.human(budget.disk()) + " (--pivot-disk)";
            fail(why + (firstPassOver ? "" : "; the first pass may use a quarter of it, the rest is for sorting the postings"));
            return false;
        }
        if (disk + bytes >= nextFreeCheck) {
            nextFreeCheck += FREE_CHECK_EVERY;
            try {
                if (Files.getFileStore(dir).getUsableSpace() < IndexBudget.KEEP_FREE / 2) {
                    fail("the disk of the spill folder " + dir + " is nearly full");
                    return false;
                }
            } catch (IOException e) {
                fail("cannot check the free space of the spill folder " + dir + ": " + e.getMessage());
                return false;
            }
        }
        disk += bytes;
        return true;
    }

    /** Records a limit met; the first one is the one reported for the first pass. */
    void fail(String reason) {
        refusals.incrementAndGet();
        limit.compareAndSet(null, reason);
        latest = reason;
    }

    /** Records a limit met outside the storage (e.g. a structural limit of the index). */
    public void limit(String reason) {
        fail(reason);
    }

    /** Why the index stopped growing, or null while it has not. */
    public String limit() {
        return limit.get();
    }

    /** The last limit met (while sealing, the one that stopped it), or null. */
    public String latestLimit() {
        return latest;
    }

    /** How many times a limit was met so far: a rise during sealing means the postings are incomplete. */
    public long refusals() {
        return refusals.get();
    }

    public synchronized long diskBytes() {
        return disk;
    }

    /** The spill folder, or null while nothing spilled. */
    public synchronized Path folder() {
        return dir;
    }

    /** Closes and deletes one file of the spill folder. */
    synchronized void delete(Path f) {
        FileChannel ch = files.remove(f);
        if (ch == null) return;
        try {
            ch.close();
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the folder is deleted at close, and the JVM's end, again
        }
    }

    /** Deletes the spill folder and everything in it. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        deleteAll();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private synchronized void deleteAll() {
        List<Path> all = new ArrayList<>(files.keySet());
        for (Path f : all) delete(f);
        if (dir == null) return;
        try (var s = Files.list(dir)) {
            for (Path f : s.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // nothing more can be done; the folder's name says what it was
        }
    }
}
