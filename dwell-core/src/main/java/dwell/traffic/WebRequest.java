package dwell.traffic;

import java.time.Instant;

/**
 * One web request as the traffic analysis sees it: when, which log and host, the virtual directory, who asked
 * (address, account as logged and its comparable form), the answer and what it says about authentication.
 */
public record WebRequest(Instant time, String format, String host, String vdir, String path, String source,
                         String account, String accountKey, int status, String userAgent, Outcome outcome) {

    /** The series this request counts in: one log format on one host. */
    public String series() {
        return format + " " + host;
    }

    /** True for a 5xx answer. */
    public boolean serverError() {
        return status >= 500 && status <= 599;
    }
}
