package dwell.cli;

/** A bad path or option given by the user: reported on stderr with exit status 2. */
public final class InputError extends RuntimeException {
    public InputError(String message) {
        super(message);
    }
}
