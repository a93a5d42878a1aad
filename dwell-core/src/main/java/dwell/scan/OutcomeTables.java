package dwell.scan;

import java.io.IOException;

/**
 * A distributed engine's {@link ShareRunner} that can also write a scan's outcome as tables its cluster reads (Parquet:
 * the findings and their indicators), to a folder or Hadoop URI of that cluster's.
 */
public interface OutcomeTables {
    /** Writes {@code outcome}'s tables under {@code folder}, replacing those tables' earlier copies there. */
    void writeTables(ScanOutcome outcome, String folder) throws IOException;
}
