package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Deflated entry content: what goes in comes out; cut, lengthened or foreign bytes are refused. */
class DeflatedTest {
    private static byte[] sample() {
        byte[] b = "title: a rule\nlogsource: {product: windows}\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        return b;
    }

    @Test
    void roundTrips() {
        byte[] random = new byte[70_000];
        new Random(7).nextBytes(random);
        for (byte[] b : new byte[][] {sample(), random, new byte[0], new byte[] {42}}) {
            assertArrayEquals(b, Deflated.inflate(Deflated.deflate(b)));
        }
        assertTrue(Deflated.deflate(sample()).length * 4 < sample().length, "repetitive text deflates well");
    }

    @Test
    void cutLengthenedOrForeignBytesAreRefused() {
        byte[] d = Deflated.deflate(sample());
        for (int n = 0; n < d.length; n++) {
            byte[] cut = Arrays.copyOf(d, n);
            assertThrows(IllegalArgumentException.class, () -> Deflated.inflate(cut), "cut at " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> Deflated.inflate(Arrays.copyOf(d, d.length + 1)));
        byte[] wrongLength = d.clone();
        wrongLength[3]++;
        assertThrows(IllegalArgumentException.class, () -> Deflated.inflate(wrongLength));
        assertThrows(IllegalArgumentException.class, () -> Deflated.inflate(new byte[] {0, 0, 0, 5, 1, 2, 3, 4, 5, 6}));
        assertThrows(IllegalArgumentException.class, () -> Deflated.inflate(new byte[] {-1, -1, -1, -1}));
    }
}
