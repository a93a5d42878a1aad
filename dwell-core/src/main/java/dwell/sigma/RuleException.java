package dwell.sigma;

/** A rule that cannot be loaded; the message is the reason given to the user. */
final class RuleException extends RuntimeException {
    private final String locator;

    public RuleException(String reason) {
        this(reason, null);
    }

    /** @param locator text to look for in the rule file to find the line of the problem, or null */
    public RuleException(String reason, String locator) {
        super(reason);
        this.locator = locator;
    }

    public String locator() {
        return locator;
    }
}
