package dwell.yara;

/** A rule file that cannot be compiled; the message reads {@code file:line:col: message}. */
public final class YaraSyntaxError extends Exception {
    private final Ast.Pos pos;
    private final String reason;

    YaraSyntaxError(Ast.Pos pos, String reason) {
        super(pos + ": " + reason);
        this.pos = pos;
        this.reason = reason;
    }

    Ast.Pos pos() {
        return pos;
    }

    public String reason() {
        return reason;
    }
}
