package dwell.evidence;

import dwell.event.FormatId;
import java.time.Instant;

/**
 * One file of evidence, on disk or inside an archive ({@code outer.zip!/inner/x.log}).
 * {@code sha256} is null until the item has been read to its end.
 */
public record EvidenceItem(String path, long size, Instant mtime, String sha256, FormatId format) implements java.io.Serializable {
    public EvidenceItem withSha256(String sha) {
        return new EvidenceItem(path, size, mtime, sha, format);
    }

    public EvidenceItem withSize(long s) {
        return new EvidenceItem(path, s, mtime, sha256, format);
    }

    /** The member name after the last {@code !/} or the file name, with any directory stripped. */
    public String fileName() {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
