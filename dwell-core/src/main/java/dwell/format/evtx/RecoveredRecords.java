package dwell.format.evtx;

/** Which records carved from chunk slack space a stream delivers. */
public enum RecoveredRecords {
    /** None: only the records a chunk holds as its own, as evtxexport exports them. */
    NONE,
    /**
     * Those that are not copies of a live record nearby (see {@link SlackCopies}): what the hunt reads, so a
     * record is neither counted nor matched twice.
     */
    UNIQUE,
    /** Every carved record, copies of live records included. */
    ALL
}
