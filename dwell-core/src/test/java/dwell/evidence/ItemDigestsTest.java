package dwell.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemDigestsTest {
    /** A provider whose configured form gives a SHA-256 that answers zeros: a library that loads but is wrong. */
    static final class WrongProvider extends Provider {
        WrongProvider() {
            super("wrong", "1", "answers zeros");
            putService(new Service(this, "MessageDigest", "SHA-256", Zeros.class.getName(), null, null));
        }

        @Override
        public Provider configure(String config) {
            return new WrongProvider();
        }
    }

    /** SHA-256 as {@link WrongProvider} does it. */
    public static final class Zeros extends MessageDigestSpi {
        @Override
        protected void engineUpdate(byte input) {
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
        }

        @Override
        protected byte[] engineDigest() {
            return new byte[32];
        }

        @Override
        protected void engineReset() {
        }
    }

    @Test
    void smallEvidenceIsHashedByTheJdk() {
        assertSame(ItemDigests.JDK, ItemDigests.forEvidence(ItemDigests.NATIVE_FROM - 1));
        assertSame(ItemDigests.JDK, ItemDigests.forEvidence(0));
    }

    @Test
    void noPkcs11ProviderOrOneThatCannotBeConfiguredLeavesTheJdk() throws Exception {
        assertSame(ItemDigests.JDK, ItemDigests.load(null));
        // Provider.configure's default refuses: a runtime whose PKCS#11 provider takes no configuration
        assertSame(ItemDigests.JDK, ItemDigests.load(new Provider("plain", "1", "no configuration") { }));
        assertArrayEquals(new byte[32], MessageDigest.getInstance("SHA-256", new WrongProvider().configure("")).digest(),
                "the wrong provider loads and answers");
        assertSame(ItemDigests.JDK, ItemDigests.load(new WrongProvider()), "a wrong known answer is not trusted");
    }

    @Test
    void nssGivesTheJdksDigestsWhereItLoads() throws Exception {
        // NSS starts once per JVM: a second provider over it is refused, so the walk's own is the one tested
        ItemDigests nss = ItemDigests.forEvidence(ItemDigests.NATIVE_FROM);
        // not skipped where NSS is missing: .ci/run installs libnss3, and a silent skip would hide a broken native path
        assertTrue(nss.isNative(), "NSS (Debian: libnss3) is not installed or failed its known answer");
        Random random = new Random(20);
        for (int size : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 70_000, 1 << 20}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            MessageDigest expected = MessageDigest.getInstance("SHA-256", "SUN");
            MessageDigest actual = nss.create();
            // in uneven pieces, as streams hand them over
            for (int off = 0, step = 1; off < size; off += step, step = step * 3 + 1) {
                int n = Math.min(step, size - off);
                expected.update(data, off, n);
                actual.update(data, off, n);
            }
            assertArrayEquals(expected.digest(), actual.digest(), size + " bytes");
        }
        assertFalse(ItemDigests.JDK.isNative());
    }
}
