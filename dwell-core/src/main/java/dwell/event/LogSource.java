package dwell.event;

/** Sigma's logsource triple; any part may be null. */
public record LogSource(String product, String category, String service) {
    public static final LogSource NONE = new LogSource(null, null, null);

    public static LogSource webserver() {
        return new LogSource(null, "webserver", null);
    }
}
