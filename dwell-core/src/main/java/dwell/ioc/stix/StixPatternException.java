package dwell.ioc.stix;

/** A STIX pattern that is malformed, or valid but beyond what dwell evaluates; the message says which. */
public final class StixPatternException extends Exception {
    private final boolean unsupported;

    public StixPatternException(String message) {
        this(message, false);
    }

    public StixPatternException(String message, boolean unsupported) {
        super(message, null, false, false);
        this.unsupported = unsupported;
    }

    /** True for a well-formed pattern dwell cannot evaluate (FOLLOWEDBY, WITHIN ...), false for a syntax error. */
    public boolean unsupported() {
        return unsupported;
    }
}
