package dwell.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the SHA-256 of evidence items is computed: the JDK's own code, or the system's NSS library through the JDK's
 * PKCS#11 provider. A small scan runs on C1 alone, which has no SHA-256 intrinsic: the JDK's code hashed the 38 MB of
 * EVTX samples in 0.26-0.28 s of CPU, NSS (SHA-NI where the processor has it) in 0.03-0.05 s after a start of about
 * 0.04 s; C2's intrinsic is no faster than NSS. The digests are the same; NSS is used when it loads and passes a
 * known-answer check, else the JDK's code.
 */
public final class ItemDigests {
    /** Evidence adding up to less than this is hashed by the JDK's code: NSS's start would cost more than it saves. */
    public static final long NATIVE_FROM = 8L << 20;
    /** The JDK's own SHA-256. */
    static final ItemDigests JDK = new ItemDigests(null);

    /** The PKCS#11 provider over NSS, or null for the JDK's default provider. */
    private final Provider provider;

    private ItemDigests(Provider provider) {
        this.provider = provider;
    }

    /** The digests for a walk over {@code bytes} of evidence files: NSS's where it pays and loads, else the JDK's. */
    public static ItemDigests forEvidence(long bytes) {
        return bytes >= NATIVE_FROM ? Native.DIGESTS : JDK;
    }

    /** A fresh SHA-256 digest. */
    public MessageDigest create() {
        try {
            return provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether these digests come from NSS. */
    public boolean isNative() {
        return provider != null;
    }

    /** NSS's digests, looked for once, on first use (a lazy holder: its start is paid only by a walk that uses it). */
    private static final class Native {
        static final ItemDigests DIGESTS = load(Security.getProvider("SunPKCS11"));
    }

    /** SHA-256("abc"), FIPS 180-2's first example. */
    private static final byte[] ABC = HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    /**
     * {@code pkcs11} (the JDK's unconfigured SunPKCS11, or null where the runtime has none) over NSS without a key
     * database, when NSS loads and digests a known answer right; else {@link #JDK}.
     */
    static ItemDigests load(Provider pkcs11) {
        if (pkcs11 == null) return JDK;
        try {
            Provider nss = pkcs11.configure("--name=dwell-nss\nnssDbMode=noDb\n");
            byte[] abc = MessageDigest.getInstance("SHA-256", nss).digest("abc".getBytes(StandardCharsets.US_ASCII));
            return Arrays.equals(abc, ABC) ? new ItemDigests(nss) : JDK;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            // no NSS on this system (or not one that gives SHA-256): the JDK's code does the work
            return JDK;
        }
    }
}
