package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hexadecimal values read as they were written before: {@code "0x" + Long.toHexString(v)}. */
class ValueTypesHexTest {
    @Test
    void hexNumbersAreWrittenAsLongToHexStringWritesThem() {
        Random rnd = new Random(20);
        long[] edges = {0, 1, 0xf, 0x10, 0xffffffffL, 0x8020000000000000L, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long v : edges) assertEquals("0x" + Long.toHexString(v), ValueTypes.hexNumber(v));
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong() >>> rnd.nextInt(64);
            assertEquals("0x" + Long.toHexString(v), ValueTypes.hexNumber(v));
        }
    }
}
