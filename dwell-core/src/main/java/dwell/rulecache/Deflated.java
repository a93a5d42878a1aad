package dwell.rulecache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An entry's content deflated behind its length: a quarter or less of the bytes, so a quarter of what the cache's
 * SHA-256 check reads (on C1, which has no SHA-256 intrinsic, that check costs more than inflating).
 */
public final class Deflated {
    private Deflated() {
    }

    /** {@code content}'s length, then {@code content} deflated. */
    public static byte[] deflate(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        out.writeBytes(ByteBuffer.allocate(4).putInt(content.length).array());
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(content);
            deflater.finish();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** What {@link #deflate} was given; an {@link IllegalArgumentException} when {@code entry} is not such bytes. */
    public static byte[] inflate(byte[] entry) {
        return inflate(entry, 0, entry.length);
    }

    /** What {@link #deflate} was given, from {@code size} bytes of {@code entry} at {@code offset}. */
    public static byte[] inflate(byte[] entry, int offset, int size) {
        if (size < 4) throw new IllegalArgumentException("no length before the deflated content");
        int length = ByteBuffer.wrap(entry, offset, size).getInt();
        if (length < 0 || length > 1 << 30) throw new IllegalArgumentException("bad length " + length);
        byte[] out = new byte[length];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(entry, offset + 4, size - 4);
            int n = 0;
            while (n < length) {
                int k = inflater.inflate(out, n, length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                n += k;
            }
            // a zero-length content leaves the stream's end unread until asked once more
            if (length == 0) inflater.inflate(new byte[1]);
            if (n != length || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("the deflated content is cut short or followed by other bytes");
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not deflated data", e);
        } finally {
            inflater.end();
        }
        return out;
    }
}
