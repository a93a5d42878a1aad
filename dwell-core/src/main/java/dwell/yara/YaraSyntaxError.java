package dwell.yara;

/** A rule file that cannot be compiled; the message reads {@code file:line:col: message}. */
public final class YaraSyntaxError extends Exception {
    private final Ast.Pos pos;
    private final String reason;

    public YaraSyntaxError(Ast.Pos pos, String reason) {
        super(pos + ": " + reason);
        this.pos = pos;
        this.reason = reason;
    }

    public Ast.Pos pos() {
        return pos;
    }

    public String reason() {
        return reason;
    }
}
