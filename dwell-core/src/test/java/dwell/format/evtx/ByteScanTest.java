package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** ByteScan's word-at-a-time scans agree with byte-at-a-time ones at every alignment and bound. */
class ByteScanTest {
    private static int naiveNext(byte[] b, int from, int end) {
        for (int p = from; p + 4 <= end; p++) {
            if (b[p] == 0x2a && b[p + 1] == 0x2a && b[p + 2] == 0 && b[p + 3] == 0) return p;
        }
        return end;
    }

    private static boolean naiveZero(byte[] b, int from, int end) {
        for (int p = from; p < end; p++) {
            if (b[p] != 0) return false;
        }
        return true;
    }

    @Test
    void agreesWithAByteAtATimeScanOnRandomSlack() {
        Random r = new Random(4);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(80)];
            // mostly zeros and stars, the bytes that make near-signatures, with a few planted signatures
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(10);
                b[i] = k < 5 ? 0 : k < 8 ? 0x2a : (byte) r.nextInt(256);
            }
            if (b.length >= 4 && r.nextBoolean()) {
                int at = r.nextInt(b.length - 3);
                b[at] = 0x2a;
                b[at + 1] = 0x2a;
                b[at + 2] = 0;
                b[at + 3] = 0;
            }
            int end = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int from = end == 0 ? 0 : r.nextInt(end + 1);
            assertEquals(naiveNext(b, from, end), ByteScan.nextSignature(b, from, end), "next signature in " + java.util.Arrays.toString(b) + " from " + from + " to " + end);
            assertEquals(naiveZero(b, from, end), ByteScan.zeroFrom(b, from, end));
            if (from + 4 <= end) assertEquals(naiveNext(b, from, from + 4) == from, ByteScan.signatureAt(b, from, end));
        }
    }

    @Test
    void findsASignatureStraddlingTwoWordsAndNoneCutByTheEnd() {
        byte[] b = new byte[32];
        b[6] = 0x2a;
        b[7] = 0x2a;
        b[9] = 1;
        assertEquals(32, ByteScan.nextSignature(b, 0, 32), "2a 2a 00 01 is no signature");
        b[9] = 0;
        assertEquals(6, ByteScan.nextSignature(b, 0, 32));
        assertEquals(9, ByteScan.nextSignature(b, 0, 9), "cut by the end: not a signature");
        assertEquals(6, ByteScan.nextSignature(b, 0, 10));
        assertEquals(false, ByteScan.zeroFrom(b, 0, 32));
        assertEquals(true, ByteScan.zeroFrom(b, 8, 32));
        assertEquals(false, ByteScan.zeroFrom(b, 7, 32));
    }

    @Test
    void findsASignatureAfterALongRunOfZeros() {
        Random r = new Random(21);
        byte[] chunk = new byte[65536];
        for (int round = 0; round < 300; round++) {
            int at = round < 3 ? new int[] {0, 4093, 65532}[round] : r.nextInt(chunk.length - 3);
            chunk[at] = 0x2a;
            chunk[at + 1] = 0x2a;
            int from = r.nextInt(at + 1);
            int end = at + r.nextInt(chunk.length - at + 1);
            assertEquals(naiveNext(chunk, from, end), ByteScan.nextSignature(chunk, from, end), "signature at " + at + " in " + from + ".." + end);
            chunk[at] = 0;
            chunk[at + 1] = 0;
        }
    }

    @Test
    void findsTheOneNonZeroByteOfAWholeChunk() {
        Random r = new Random(20);
        byte[] chunk = new byte[65536];
        assertEquals(true, ByteScan.zeroFrom(chunk, 0, chunk.length));
        for (int round = 0; round < 200; round++) {
            int at = round < 4 ? new int[] {0, 4095, 4096, 65535}[round] : r.nextInt(chunk.length);
            chunk[at] = (byte) (1 + r.nextInt(255));
            int from = r.nextInt(at + 1);
            int end = at + 1 + r.nextInt(chunk.length - at);
            assertEquals(false, ByteScan.zeroFrom(chunk, from, end), "byte " + at + " in " + from + ".." + end);
            assertEquals(true, ByteScan.zeroFrom(chunk, at + 1, end), "after byte " + at);
            assertEquals(true, ByteScan.zeroFrom(chunk, from, at), "before byte " + at);
            chunk[at] = 0;
        }
    }
}
