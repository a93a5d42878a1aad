package dwell.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class LentBufferStreamTest {
    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    @Test
    void theNextStreamOnAThreadReadsIntoTheBufferTheLastGaveBack() {
        LentBufferStream first = new LentBufferStream(new ByteArrayInputStream(bytes(10, 1)));
        byte[] buffer = first.buffer();
        assertEquals(LentBufferStream.SIZE, buffer.length);
        first.giveBack();
        LentBufferStream second = new LentBufferStream(new ByteArrayInputStream(bytes(10, 2)));
        assertSame(buffer, second.buffer());
        second.giveBack();
    }

    @Test
    void aMemberVisitedInsideItsArchiveGetsABufferOfItsOwn() throws IOException {
        byte[] outer = bytes(3 * LentBufferStream.SIZE + 7, 3);
        byte[] inner = bytes(2 * LentBufferStream.SIZE + 5, 4);
        LentBufferStream archive = new LentBufferStream(new ByteArrayInputStream(outer));
        LentBufferStream member = new LentBufferStream(new ByteArrayInputStream(inner));
        assertNotSame(archive.buffer(), member.buffer());
        byte[] a = new byte[outer.length];
        byte[] m = new byte[inner.length];
        // read in turns, in pieces smaller than the buffer: each keeps its own buffered bytes
        int ai = 0, mi = 0;
        while (ai < a.length || mi < m.length) {
            if (ai < a.length) ai += archive.read(a, ai, Math.min(1000, a.length - ai));
            if (mi < m.length) mi += member.read(m, mi, Math.min(1500, m.length - mi));
        }
        assertArrayEquals(outer, a);
        assertArrayEquals(inner, m);
        member.giveBack();
        archive.giveBack();
    }

    @Test
    void markAndResetWorkOverTheLentBuffer() throws IOException {
        byte[] data = bytes(20_000, 5);
        LentBufferStream in = new LentBufferStream(new ByteArrayInputStream(data));
        in.mark(8193);
        byte[] head = in.readNBytes(8192);
        in.reset();
        assertArrayEquals(data, in.readAllBytes());
        assertArrayEquals(java.util.Arrays.copyOf(data, 8192), head);
        in.giveBack();
    }

    @Test
    void aStreamWhoseBufferWentBackCannotBeRead() {
        LentBufferStream in = new LentBufferStream(new ByteArrayInputStream(bytes(100, 6)));
        in.giveBack();
        assertThrows(IOException.class, in::read);
        in.giveBack(); // twice is harmless
    }

    @Test
    void onlyTheLendingThreadTakesTheBufferBack() {
        LentBufferStream in = new LentBufferStream(new ByteArrayInputStream(bytes(100, 7)));
        CompletionException e = assertThrows(CompletionException.class,
                () -> CompletableFuture.runAsync(in::giveBack).join());
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        in.giveBack();
    }
}
