package dwell.hunt;

/**
 * Something a detector could not use, and why: a rule document not loaded ({@code file:line: reason}), a feed entry
 * skipped ({@code line 12: reason}, {@code indicator--...: reason}), a rule that cannot run. {@code line} is 0 when
 * the source has no line.
 */
public record Diagnostic(String source, long line, String reason) {
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason;
    }
}
