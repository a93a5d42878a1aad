package dwell.rulecache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,dev,ino";

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
        long now = nanos(FileTime.from(Instant.now()));
        Stamp[] out = new Stamp[files.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                Map<String, Object> a = Files.readAttributes(files.get(i), ATTRIBUTES);
                Stamp s = new Stamp(files.get(i).toString(), (Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                        nanos((FileTime) a.get("ctime")), (Long) a.get("dev"), (Long) a.get("ino"));
                if (now - Math.max(s.modified(), s.changed()) < SETTLED) return Optional.empty();
                out[i] = s;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException
                 | NullPointerException e) {
            return Optional.empty();
        }
        return Optional.of(new RuleFileStamps(List.of(out)));
    }

    /**
     * Adds the files' paths and stamps to {@code key}, as one part: each path by the length it shares with the one
     * before and the rest (fewer bytes to digest: SHA-256 on C1 is most of the key's cost), then its numbers.
     */
    public void addTo(RuleCache.Key key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * stamps.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(stamps.size());
            String previous = "";
            for (Stamp s : stamps) {
                String path = s.path();
                int shared = 0;
                for (int n = Math.min(path.length(), previous.length()); shared < n && path.charAt(shared) == previous.charAt(shared); ) shared++;
                byte[] rest = path.substring(shared).getBytes(StandardCharsets.UTF_8);
                out.writeInt(shared);
                out.writeInt(rest.length);
                out.write(rest);
                out.writeLong(s.size());
                out.writeLong(s.modified());
                out.writeLong(s.changed());
                out.writeLong(s.device());
                out.writeLong(s.inode());
                previous = path;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        key.add(bytes.toByteArray());
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }
}
