package dwell.yara;

import java.util.ArrayList;
import java.util.List;

/**
 * The three base64 forms of a string for the {@code base64} modifier: the string encoded at each of the three
 * byte alignments, keeping only the characters that do not depend on the bytes around it.
 */
final class Base64Variants {
    static final String STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Base64Variants() {
    }

    static List<byte[]> encodings(byte[] s, String alphabet) {
        String abc = alphabet == null ? STANDARD : alphabet;
        List<byte[]> out = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] stream = new byte[shift + s.length];
            System.arraycopy(s, 0, stream, shift, s.length);
            long bits = 8L * stream.length;
            int first = (8 * shift + 5) / 6;
            int end = (int) (bits / 6);
            if (end <= first) continue;
            byte[] enc = new byte[end - first];
            for (int k = first; k < end; k++) {
                int v = 0;
                for (int bit = 0; bit < 6; bit++) {
                    long pos = 6L * k + bit;
                    int b = stream[(int) (pos / 8)] & 0xff;
                    v = (v << 1) | ((b >> (7 - (int) (pos % 8))) & 1);
                }
                enc[k - first] = (byte) abc.charAt(v);
            }
            out.add(enc);
        }
        return out;
    }
}
