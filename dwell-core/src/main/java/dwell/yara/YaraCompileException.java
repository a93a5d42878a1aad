package dwell.yara;

import java.util.List;

/** Rule files that do not compile, with every error found (each reads {@code file:line:col: message}). */
public final class YaraCompileException extends Exception {
    private final List<YaraSyntaxError> errors;

    public YaraCompileException(List<YaraSyntaxError> errors) {
        super(errors.isEmpty() ? "rules do not compile" : errors.get(0).getMessage()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<YaraSyntaxError> errors() {
        return errors;
    }
}
