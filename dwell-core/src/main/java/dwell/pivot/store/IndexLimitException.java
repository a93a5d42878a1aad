package dwell.pivot.store;

/** The index could not be completed within its limits (memory, disk, structure); the message says which. */
public final class IndexLimitException extends RuntimeException {
    public IndexLimitException(String reason) {
        super(reason);
    }
}
