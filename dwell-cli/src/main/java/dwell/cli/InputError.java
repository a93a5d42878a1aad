package dwell.cli;

/** A bad path or option given by the user: reported on stderr with exit status 2. */
public final class InputError extends RuntimeException {
    public InputError(String message) {
        super(message);
    }

    /** With the exception that showed the error, for --debug's stack trace. */
    public InputError(String message, Throwable cause) {
        super(message, cause);
    }
}
