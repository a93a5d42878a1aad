package dwell.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Who may ask the workbench what: the token (a Bearer header from scripts, the cookie from the page, or once in
 * {@code ?token=} to be traded for the cookie), a Host header naming this server (against DNS rebinding) and, on a
 * request that changes the case, an Origin of this server (against cross-site requests).
 */
final class Guard {
    /** What to do with a request. */
    enum Verdict {
        ALLOW(200, null),
        /** The page's first request: a valid {@code ?token=} to set as the cookie, then drop from the address. */
        ADOPT_TOKEN(303, null),
        NO_TOKEN(401, "missing or wrong token: open the address `dwell serve` printed, or send Authorization: Bearer TOKEN"),
        FOREIGN_HOST(403, "Host header names another server"),
        FOREIGN_ORIGIN(403, "a change to the case from another origin");

        final int status;
        final String message;

        Verdict(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    /** A request's facts the guard judges (null where absent). */
    record Request(String method, String host, String origin, String authorization, String cookie, String queryToken) {
    }

    private final byte[] token;
    private final Set<String> hosts;

    /** {@code hosts}: the names this server answers to, lower case and without port ({@code [::1]} bracketed). */
    Guard(String token, Set<String> hosts) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.hosts = hosts;
    }

    Verdict judge(Request r) {
        if (r.host() == null || !hosts.contains(hostName(r.host()))) return Verdict.FOREIGN_HOST;
        boolean bearer = r.authorization() != null && r.authorization().startsWith("Bearer ")
                && matches(r.authorization().substring("Bearer ".length()));
        boolean cookie = matches(r.cookie());
        boolean reads = r.method().equals("GET") || r.method().equals("HEAD");
        if (!bearer && !cookie) return reads && matches(r.queryToken()) ? Verdict.ADOPT_TOKEN : Verdict.NO_TOKEN;
        if (reads) return Verdict.ALLOW;
        // a browser sends Origin with every POST: one naming another site, or none with only the cookie, is refused
        if (r.origin() == null ? !bearer : !r.origin().equalsIgnoreCase("http://" + r.host())) return Verdict.FOREIGN_ORIGIN;
        return Verdict.ALLOW;
    }

    /** The host of a Host header value: {@code Localhost:8080} is {@code localhost}, {@code [::1]:80} is {@code [::1]}. */
    static String hostName(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
