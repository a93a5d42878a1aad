package dwell.evidence;

import dwell.event.FormatId;
import java.nio.file.Path;

/** A path under the evidence that the directory walk could not list (a broken link, a folder it cannot enter), and why. */
public record UnlistedPath(Path path, String reason) {
    /** The item it is reported as: nothing read, format unknown; {@link #reason} is its problem. */
    public EvidenceItem item() {
        return new EvidenceItem(path.toString(), -1, null, null, FormatId.UNKNOWN);
    }
}
