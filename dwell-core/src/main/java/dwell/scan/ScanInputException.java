package dwell.scan;

/** A scan's input cannot be used (a rule file that does not compile, a feed that cannot be read): which, and why. */
public final class ScanInputException extends RuntimeException {
    private final String subject;

    /** @param subject what the input is, as the front end names it (e.g. {@code --yara}) */
    public ScanInputException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
