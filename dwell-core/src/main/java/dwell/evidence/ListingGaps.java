package dwell.evidence;

import java.nio.file.Path;
import java.util.List;

/**
 * What a walk of the evidence lists but reads no file from: the folders holding dwell's own output and the paths it
 * could not list; a scan whose items are read elsewhere reports these from its own listing.
 */
public record ListingGaps(List<Path> outputFolders, List<UnlistedPath> unlisted) {
    public ListingGaps {
        outputFolders = List.copyOf(outputFolders);
        unlisted = List.copyOf(unlisted);
    }
}
