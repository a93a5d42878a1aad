package dwell.rulecache;

/**
 * SHA-256 (FIPS 180-4) for the rule cache's entry names and digests, without the Java security providers: the first
 * {@code MessageDigest.getInstance} of a JVM starts them (parses {@code java.security}, registers every algorithm and
 * object identifier of the default providers), 10-15 ms of CPU that were a sixth of a {@code yara scan} hitting the
 * cache. Under C1, which dwell's short commands run with, the JDK's SHA-256 is plain Java too (its intrinsic is C2's),
 * so hashing rule files costs the same. One digest per instance.
 */
final class Sha256 {
    /** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    private final int[] state = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private final int[] schedule = new int[64];
    /** Bytes of a block not yet complete. */
    private final byte[] block = new byte[64];
    private int buffered;
    private long length;
    private boolean done;

    /** The SHA-256 of {@code bytes}. */
    static byte[] of(byte[] bytes, int length) {
        Sha256 d = new Sha256();
        d.update(bytes, 0, length);
        return d.digest();
    }

    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    void update(byte[] b, int off, int len) {
        if (done) throw new IllegalStateException("digest already taken");
        if (off < 0 || len < 0 || off > b.length - len) throw new IndexOutOfBoundsException();
        length += len;
        if (buffered > 0) {
            int n = Math.min(len, 64 - buffered);
            System.arraycopy(b, off, block, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < 64) return;
            compress(block, 0);
            buffered = 0;
        }
        for (; len >= 64; off += 64, len -= 64) compress(b, off);
        System.arraycopy(b, off, block, 0, len);
        buffered = len;
    }

    /** The digest of all bytes added; the instance takes no more. */
    byte[] digest() {
        long bits = length << 3;
        // a 1 bit, zeros to 8 bytes short of a block's end, the message's length in bits
        byte[] pad = new byte[(buffered < 56 ? 64 : 128) - buffered];
        pad[0] = (byte) 0x80;
        for (int i = 0; i < 8; i++) pad[pad.length - 1 - i] = (byte) (bits >>> (8 * i));
        update(pad, 0, pad.length);
        done = true;
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            int v = state[i];
            out[4 * i] = (byte) (v >>> 24);
            out[4 * i + 1] = (byte) (v >>> 16);
            out[4 * i + 2] = (byte) (v >>> 8);
            out[4 * i + 3] = (byte) v;
        }
        return out;
    }

    private void compress(byte[] in, int off) {
        int[] w = schedule;
        for (int t = 0; t < 16; t++, off += 4) {
            w[t] = in[off] << 24 | (in[off + 1] & 0xff) << 16 | (in[off + 2] & 0xff) << 8 | in[off + 3] & 0xff;
        }
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ x >>> 3;
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ y >>> 10;
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = state[0], b = state[1], c = state[2], d = state[3];
        int e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + (e & f ^ ~e & g) + K[t] + w[t];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + (a & b ^ a & c ^ b & c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
