package dwell.sigma;

/** A rule document that was not loaded, and why; printed as {@code file:line: reason}. */
public record Rejection(String path, int line, String reason) {
    @Override
    public String toString() {
        return path + ":" + line + ": " + reason;
    }
}
