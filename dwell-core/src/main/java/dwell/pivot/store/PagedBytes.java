package dwell.pivot.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An append-only byte sequence in pages (64 KiB unless the space says otherwise): a full page stays in memory while the {@link SpillSpace}'s
 * budget allows and is written to a spill file beyond it. Reading goes through {@link Reader}s; spilled pages are
 * read back through a small cache. Appends come from one thread at a time; reads must not overlap appends.
 */
final class PagedBytes implements ByteSink, AutoCloseable {
    static final int PAGE_BITS = 16;
    static final int PAGE = 1 << PAGE_BITS;

    private final int bits;
    private final int pageSize;
    private final int mask;

    private final SpillSpace space;
    private final String name;
    private byte[][] resident = new byte[4][];
    private long[] spilledAt = new long[4];
    private int fullPages;
    private byte[] current;
    private int used;
    private long residentBytes;
    private FileChannel file;
    private Path path;
    private long fileSize;
    private final int[] cachedIndex;
    private final byte[][] cachedPage;
    private int nextSlot;

    /**
     * @param name       the spill file's name prefix
     * @param cachePages how many spilled pages to keep for reading (random reads want a few, streaming one)
     */
    public PagedBytes(SpillSpace space, String name, int cachePages) {
        this.space = space;
        this.name = name;
        bits = space.pageBits();
        pageSize = 1 << bits;
        mask = pageSize - 1;
        current = new byte[pageSize];
        cachedIndex = new int[Math.max(1, cachePages)];
        Arrays.fill(cachedIndex, -1);
        cachedPage = new byte[cachedIndex.length][];
    }

    @Override
    public void write(int b) {
        if (used == pageSize) turnPage();
        current[used++] = (byte) b;
    }

    @Override
    public void writeVarLong(long v) {
        if (pageSize - used >= 10) {
            // room for the longest number: no page check per byte
            byte[] c = current;
            int u = used;
            while ((v & ~0x7FL) != 0) {
                c[u++] = (byte) (v & 0x7F | 0x80);
                v >>>= 7;
            }
            c[u++] = (byte) v;
            used = u;
            return;
        }
        while ((v & ~0x7FL) != 0) {
            write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        write((int) v);
    }

    /** {@code len} bytes of {@code b} from {@code off}, a page at a time. */
    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == pageSize) turnPage();
            int n = Math.min(len, pageSize - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Eight bytes, big-endian; a sequence of only these never has one straddle two pages. */
    public void writeLong(long v) {
        for (int s = 56; s >= 0; s -= 8) write((int) (v >>> s));
    }

    /** Bytes written so far. */
    public long size() {
        return ((long) fullPages << bits) + used;
    }

    private void turnPage() {
        // a fresh array, never the spilled one: a reader may still hold that page; allocated first, so that
        // running out of memory leaves the pages as they were
        byte[] next = new byte[pageSize];
        if (fullPages == resident.length) {
            byte[][] r = Arrays.copyOf(resident, fullPages * 2);
            long[] s = Arrays.copyOf(spilledAt, fullPages * 2);
            resident = r;
            spilledAt = s;
        }
        spilledAt[fullPages] = -1;
        if (space.keepPage(pageSize)) {
            resident[fullPages] = current;
            residentBytes += pageSize;
        } else if (spill(current)) {
            spilledAt[fullPages] = fileSize - pageSize;
        } else {
            // the limit is recorded and the index stops growing; this page must stay readable all the same
            resident[fullPages] = current;
            residentBytes += pageSize;
            space.keepPageAnyway(pageSize);
        }
        fullPages++;
        current = next;
        used = 0;
    }

    private boolean spill(byte[] page) {
        if (!space.reserveDisk(pageSize)) return false;
        try {
            if (file == null) {
                SpillSpace.SpillFile f = space.create(name);
                file = f.channel();
                path = f.path();
            }
            ByteBuffer b = ByteBuffer.wrap(page);
            while (b.hasRemaining()) file.write(b, fileSize + b.position());
            fileSize += pageSize;
            return true;
        } catch (IOException e) {
            space.fail("cannot write to the spill folder " + space.folder() + ": " + e.getMessage());
            return false;
        }
    }

    /** The page at an index: resident, the one being written, or read back from the spill file. */
    private byte[] page(int index) {
        if (index == fullPages) return current;
        byte[] p = resident[index];
        return p != null ? p : spilledPage(index);
    }

    private synchronized byte[] spilledPage(int index) {
        for (int i = 0; i < cachedIndex.length; i++) {
            if (cachedIndex[i] == index) return cachedPage[i];
        }
        byte[] p = new byte[pageSize];
        ByteBuffer b = ByteBuffer.wrap(p);
        try {
            while (b.hasRemaining()) {
                if (file.read(b, spilledAt[index] + b.position()) < 0) throw new EOFException("spill file " + path + " is short");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pivot index's spill file " + path + ": " + e.getMessage(), e);
        }
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % cachedIndex.length;
        cachedIndex[slot] = index;
        cachedPage[slot] = p;
        return p;
    }

    /** The eight-byte value at a position written by {@link #writeLong}. */
    public long readLong(long pos) {
        byte[] p = page((int) (pos >>> bits));
        int o = (int) (pos & mask);
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (p[o + i] & 0xFF);
        return v;
    }

    public Reader reader(long pos) {
        return new Reader(pos);
    }

    /** Heap bytes this sequence holds: resident pages and the page being written. */
    public long memoryBytes() {
        return residentBytes + pageSize + 16L * resident.length;
    }

    /** Bytes in the spill file. */
    public long diskBytes() {
        return fileSize;
    }

    /** Frees the memory and deletes the spill file. */
    @Override
    public void close() {
        space.releasePages(residentBytes);
        residentBytes = 0;
        resident = new byte[0][];
        current = new byte[0];
        Arrays.fill(cachedPage, null);
        if (file != null) space.delete(path);
        file = null;
    }

    /** Reads forward from a position, page by page. */
    public final class Reader implements ByteSource {
        private byte[] page;
        private int pageIndex;
        private int off;
        private int end;

        private Reader(long pos) {
            seek(pos);
        }

        public void seek(long pos) {
            pageIndex = (int) (pos >>> bits);
            off = (int) (pos & mask);
            page = null;
            end = 0;
        }

        public long position() {
            return ((long) pageIndex << bits) + off;
        }

        @Override
        public int read() {
            if (off >= end) load();
            return page[off++] & 0xFF;
        }

        private void load() {
            if (page != null && off == pageSize) {
                pageIndex++;
                off = 0;
            }
            if (pageIndex > fullPages || pageIndex == fullPages && off >= used) {
                throw new IllegalStateException("read past the end of " + name + " at " + position());
            }
            page = page(pageIndex);
            end = pageIndex == fullPages ? used : pageSize;
        }

        @Override
        public long readVarLong() {
            if (end - off >= 10) {
                // the whole number is on this page: no page check per byte
                byte[] p = page;
                int o = off;
                long v = 0;
                for (int shift = 0; shift < 64; shift += 7) {
                    int b = p[o++];
                    v |= (long) (b & 0x7F) << shift;
                    if (b >= 0) {
                        off = o;
                        return v;
                    }
                }
                throw new IllegalStateException("malformed number in " + name + " at " + position());
            }
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if (b < 0x80) return v;
                if (shift > 56) throw new IllegalStateException("malformed number in " + name + " at " + position());
            }
        }

    }
}
