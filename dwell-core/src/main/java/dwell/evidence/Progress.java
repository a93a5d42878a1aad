package dwell.evidence;

/**
 * How far a long run has got, for a progress display: the files on disk planned and read, the bytes read from them,
 * and the stage after reading. Called from the walk's worker threads, so implementations are thread-safe and cheap;
 * the walk reports bytes per buffer it reads, never per event.
 */
public interface Progress {
    /** Reports nothing. */
    Progress NONE = new Progress() {
    };

    /** The files on disk the run will read, and their size in all. */
    default void planned(int files, long bytes) {
    }

    /** Bytes read from a file on disk (an archive's members count as the archive's bytes read). */
    default void read(long bytes) {
    }

    /** A file on disk, with its members, is done. */
    default void fileDone() {
    }

    /** The run moved to a stage after reading, e.g. {@code pivoting}. */
    default void stage(String name) {
    }
}
