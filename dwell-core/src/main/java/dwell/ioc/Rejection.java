package dwell.ioc;

/** One feed entry that was not loaded: where (line number or object id) and why. */
public record Rejection(String where, String reason) {
    @Override
    public String toString() {
        return where + ": " + reason;
    }
}
