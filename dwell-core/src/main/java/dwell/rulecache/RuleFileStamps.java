package dwell.rulecache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the file system says of each rule file (size, modification and status-change times in nanoseconds, device
 * and inode), taken before the files are read: a rule cache entry found through equal stamps spares reading and
 * hashing the files. Any write to a file moves its status-change time (ctime), which no program can set back, and
 * replacing it moves its inode. A file changed less than {@link #SETTLED} before the stamps were taken is not
 * trusted: a second write within the file system's time granularity could leave every stamp as it was.
 */
public record RuleFileStamps(List<Stamp> stamps) {
    /** How old a file's times must be for its stamp to be trusted (coarse file system clocks, a little skew). */
    public static final long SETTLED = TimeUnit.SECONDS.toNanos(2);
    static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,dev,ino";

    /** One file's stamp. */
    public record Stamp(String path, long size, long modified, long changed, long device, long inode) {
        /** The stamp but its path, as text for a key. */
        public String facts() {
            return size + " " + modified + " " + changed + " " + device + " " + inode;
        }
    }

    /**
     * The files' stamps when every one can be trusted; empty where the file system gives no status-change time
     * (not a Unix one), a file cannot be looked at, or one changed too recently.
     */
    public static Optional<RuleFileStamps> of(List<Path> files) {
        long now = now();
        Stamp[] out = new Stamp[files.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                Stamp s = stamp(files.get(i), Files.readAttributes(files.get(i), ATTRIBUTES));
                if (s == null || !settled(s, now)) return Optional.empty();
                out[i] = s;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new RuleFileStamps(List.of(out)));
    }

    /** The clock a stamp's age is measured against, in the stamps' nanoseconds. */
    static long now() {
        return nanos(FileTime.from(Instant.now()));
    }

    /** The stamp of {@code file} from its {@code unix:} view's attributes (those named here); null when one is missing. */
    static Stamp stamp(Path file, Map<String, Object> a) {
        if (!(a.get("size") instanceof Long size && a.get("lastModifiedTime") instanceof FileTime modified
                && a.get("ctime") instanceof FileTime changed && a.get("dev") instanceof Long dev
                && a.get("ino") instanceof Long ino)) return null;
        return new Stamp(file.toString(), size, nanos(modified), nanos(changed), dev, ino);
    }

    /** Whether the stamp's times are old enough, at {@code now}, for it to be trusted ({@link #SETTLED}). */
    static boolean settled(Stamp s, long now) {
        return now - Math.max(s.modified(), s.changed()) >= SETTLED;
    }

    /**
     * Adds the files' paths and stamps to {@code key}, as one part: each path's UTF-8 bytes by the count it shares
     * with the one before and the rest, then its numbers, counts as variable-length ints (an unambiguous encoding in
     * a third of the bytes of fixed-width fields: SHA-256 on C1 and the code writing them are most of the key's cost).
     */
    public void addTo(RuleCache.Key key) {
        Compact out = new Compact(48 * stamps.size() + 8);
        out.varint(stamps.size());
        byte[] previous = new byte[0];
        for (Stamp s : stamps) {
            byte[] path = s.path().getBytes(StandardCharsets.UTF_8);
            int shared = Arrays.mismatch(path, previous);
            if (shared < 0) shared = path.length;
            out.varint(shared);
            out.varint(path.length - shared);
            out.bytes(path, shared, path.length - shared);
            out.varint(s.size());
            out.fixed(s.modified());
            out.fixed(s.changed());
            out.varint(s.device());
            out.varint(s.inode());
            previous = path;
        }
        key.add(out.buf, out.size);
    }

    /** A growing byte array written with variable-length (7 bits a byte, high bit: more follow) and fixed longs. */
    private static final class Compact {
        byte[] buf;
        int size;

        Compact(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int n) {
            if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void fixed(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
        }

        void bytes(byte[] b, int from, int n) {
            room(n);
            System.arraycopy(b, from, buf, size, n);
            size += n;
        }
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
