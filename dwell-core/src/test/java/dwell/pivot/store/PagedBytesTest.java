package dwell.pivot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagedBytesTest {
    @TempDir
    Path tmp;

    private SpillSpace space(long memory, long disk) {
        return new SpillSpace(new IndexBudget(memory, disk, tmp));
    }

    @Test
    void varIntsRoundTripAtEveryLengthAndAcrossPageEnds() {
        long[] edges = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, 1L << 56, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        try (SpillSpace s = space(1L << 30, 0); PagedBytes b = new PagedBytes(s, "t", 1)) {
            Random r = new Random(7);
            long[] vs = new long[200_000];
            for (int i = 0; i < vs.length; i++) vs[i] = i < edges.length ? edges[i] : r.nextLong() >> r.nextInt(64);
            for (long v : vs) {
                b.writeVarLong(v);
                b.writeSignedVarLong(v);
            }
            assertTrue(b.size() > 3L * PagedBytes.PAGE, "the numbers span several pages");
            PagedBytes.Reader in = b.reader(0);
            for (long v : vs) {
                assertEquals(v, in.readVarLong());
                assertEquals(v, in.readSignedVarLong());
            }
            assertEquals(b.size(), in.position());
            assertThrows(IllegalStateException.class, in::read, "reading past the end");
        }
    }

    @Test
    void varIntEncodingIsLeb128() {
        try (SpillSpace s = space(1L << 30, 0); PagedBytes b = new PagedBytes(s, "t", 1)) {
            b.writeVarLong(300);      // 0xAC 0x02, as in the protobuf documentation
            b.writeSignedVarLong(-1); // zigzag 1
            b.writeSignedVarLong(1);  // zigzag 2
            PagedBytes.Reader in = b.reader(0);
            assertArrayEquals(new int[] {0xAC, 0x02, 0x01, 0x02}, new int[] {in.read(), in.read(), in.read(), in.read()});
        }
    }

    @Test
    void pagesBeyondTheBudgetSpillAndReadBackTheSame() throws Exception {
        byte[] data = new byte[5 * PagedBytes.PAGE + 123];
        new Random(3).nextBytes(data);
        // room for two pages in memory: the other full pages go to the spill file
        try (SpillSpace s = space(2L * PagedBytes.PAGE, Long.MAX_VALUE)) {
            PagedBytes b = new PagedBytes(s, "t", 2);
            for (byte x : data) b.write(x);
            assertEquals(3L * PagedBytes.PAGE, b.diskBytes());
            assertNotNull(s.folder());
            assertTrue(s.folder().startsWith(tmp));
            Random r = new Random(4);
            for (int i = 0; i < 2000; i++) {
                int at = r.nextInt(data.length - 20);
                PagedBytes.Reader in = b.reader(at);
                for (int k = 0; k < 20; k++) assertEquals(data[at + k] & 0xFF, in.read(), "byte " + (at + k));
            }
            PagedBytes.Reader all = b.reader(0);
            for (byte x : data) assertEquals(x & 0xFF, all.read());
            assertNull(s.limit());
            b.close();
            try (var files = Files.list(s.folder())) {
                assertEquals(0, files.count(), "closing deletes the spill file");
            }
        }
    }

    @Test
    void fixedLongsReadBackWhereverTheyAre() {
        try (SpillSpace s = space(0, Long.MAX_VALUE); PagedBytes b = new PagedBytes(s, "t", 1)) {
            int n = 3 * PagedBytes.PAGE / 8 + 5;
            for (long i = 0; i < n; i++) b.writeLong(i * 0x9E3779B97F4A7C15L);
            for (long i = n - 1; i >= 0; i -= 7) assertEquals(i * 0x9E3779B97F4A7C15L, b.readLong(8 * i));
        }
    }

    @Test
    void aFullDiskBudgetIsALimitAndThePageStaysReadable() {
        try (SpillSpace s = space(0, PagedBytes.PAGE * 3L)) {
            s.firstPassOver();
            PagedBytes b = new PagedBytes(s, "t", 1);
            byte[] data = new byte[6 * PagedBytes.PAGE];
            new Random(5).nextBytes(data);
            for (byte x : data) b.write(x);
            assertNotNull(s.limit());
            assertTrue(s.limit().contains("disk budget of 192.0 KiB (--pivot-disk)"), s.limit());
            assertEquals(3L * PagedBytes.PAGE, b.diskBytes());
            PagedBytes.Reader in = b.reader(0);
            for (byte x : data) assertEquals(x & 0xFF, in.read());
        }
    }

    @Test
    void theFirstPassGetsAQuarterOfTheDiskBudget() {
        try (SpillSpace s = space(0, PagedBytes.PAGE * 12L); PagedBytes b = new PagedBytes(s, "t", 1)) {
            for (int i = 0; i < 10 * PagedBytes.PAGE; i++) b.write(i);
            assertEquals(3L * PagedBytes.PAGE, b.diskBytes());
            assertTrue(s.limit().contains("the first pass may use a quarter of it"), s.limit());
        }
    }

    @Test
    void closingTheSpaceDeletesItsFolderAndAnUnwritableParentIsALimit() throws Exception {
        Path folder;
        try (SpillSpace s = space(0, Long.MAX_VALUE); PagedBytes b = new PagedBytes(s, "t", 1)) {
            for (int i = 0; i < 2 * PagedBytes.PAGE; i++) b.write(i);
            folder = s.folder();
            assertTrue(Files.isDirectory(folder));
        }
        assertFalse(Files.exists(folder));
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        try (SpillSpace s = new SpillSpace(new IndexBudget(0, Long.MAX_VALUE, notAFolder.resolve("sub")));
             PagedBytes b = new PagedBytes(s, "t", 1)) {
            for (int i = 0; i < 2 * PagedBytes.PAGE; i++) b.write(i);
            assertTrue(s.limit().startsWith("cannot make a spill folder in "), s.limit());
            assertEquals(0, b.diskBytes());
            assertEquals(2 * PagedBytes.PAGE - 1 & 0xFF, b.reader(2 * PagedBytes.PAGE - 1).read());
        }
    }

    @Test
    void byteSizesParseAndPrint() {
        assertEquals(65536, ByteSize.parse("65536"));
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(4L << 30, ByteSize.parse("4G"));
        assertEquals(3L << 10, ByteSize.parse("3kb"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1m"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999t"));
        assertEquals("1.5 GiB", ByteSize.human(3L << 29));
        assertEquals("12 B", ByteSize.human(12));
    }
}
