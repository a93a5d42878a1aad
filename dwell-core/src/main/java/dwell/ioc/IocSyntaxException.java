package dwell.ioc;

/** An indicator value or feed line that cannot be read; the message is the reason shown to the user. */
final class IocSyntaxException extends Exception {
    public IocSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
