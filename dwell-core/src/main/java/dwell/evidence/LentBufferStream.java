package dwell.evidence;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A buffered stream whose 64 KB buffer is lent by its thread and given back by {@link #giveBack}, for the next item
 * that thread visits: a fresh buffer per item was 18.5 MB of the ~320 MB the issue 20 scan allocates (277 items),
 * enough to bring on one more young collection.
 */
final class LentBufferStream extends BufferedInputStream {
    static final int SIZE = 65536;
    /** A thread's buffers not lent: one per archive level under way at most (a member is visited inside its archive). */
    private static final ThreadLocal<ArrayDeque<byte[]>> SPARE = ThreadLocal.withInitial(ArrayDeque::new);

    private final Thread owner = Thread.currentThread();
    private byte[] lent;

    LentBufferStream(InputStream in) {
        // the one-byte array is replaced at once: BufferedInputStream takes no array of its caller's
        super(in, 1);
        byte[] spare = SPARE.get().poll();
        buf = lent = spare != null ? spare : new byte[SIZE];
    }

    /** The array this stream reads into (null once given back). */
    byte[] buffer() {
        return lent;
    }

    /**
     * Gives the buffer back to this thread, which must be the one that made the stream; reading the stream after
     * fails as reading a closed one does.
     */
    void giveBack() {
        if (lent == null) return;
        if (Thread.currentThread() != owner) throw new IllegalStateException("a buffer goes back to the thread that lent it");
        buf = null;
        SPARE.get().push(lent);
        lent = null;
    }
}
