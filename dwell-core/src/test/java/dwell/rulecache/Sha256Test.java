package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** dwell's SHA-256 gives the JDK's digest for every length around the block and padding boundaries, however fed. */
class Sha256Test {
    private static byte[] jdk(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void theStandardsExamples() {
        // FIPS 180-4's examples: one block, and a message whose padding takes a second block
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
    }

    private static String hex(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return HexFormat.of().formatHex(Sha256.of(b, b.length));
    }

    @Test
    void everyLengthUpToFourBlocksAsTheJdk() throws Exception {
        Random r = new Random(20);
        for (int n = 0; n <= 260; n++) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertArrayEquals(jdk(b), Sha256.of(b, n), "length " + n);
        }
    }

    @Test
    void piecesOfAnySizeGiveTheWholesDigest() throws Exception {
        Random r = new Random(7);
        byte[] b = new byte[100_003];
        r.nextBytes(b);
        for (int round = 0; round < 20; round++) {
            Sha256 d = new Sha256();
            for (int at = 0; at < b.length; ) {
                int n = Math.min(b.length - at, r.nextInt(round < 10 ? 70 : 5000));
                d.update(b, at, n);
                at += n;
            }
            assertArrayEquals(jdk(b), d.digest(), "round " + round);
        }
    }

    @Test
    void onlyPartOfTheArrayCounts() throws Exception {
        byte[] b = "xxabcxx".getBytes(StandardCharsets.US_ASCII);
        Sha256 d = new Sha256();
        d.update(b, 2, 3);
        assertArrayEquals(jdk("abc".getBytes(StandardCharsets.US_ASCII)), d.digest());
        assertArrayEquals(jdk("abc".getBytes(StandardCharsets.US_ASCII)), Sha256.of("abcdef".getBytes(StandardCharsets.US_ASCII), 3));
    }

    @Test
    void aDigestIsTakenOnceAndBoundsAreChecked() {
        Sha256 d = new Sha256();
        assertThrows(IndexOutOfBoundsException.class, () -> d.update(new byte[4], 2, 3));
        d.digest();
        assertThrows(IllegalStateException.class, () -> d.update(new byte[1], 0, 1));
    }
}
