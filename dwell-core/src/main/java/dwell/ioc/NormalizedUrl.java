package dwell.ioc;

import java.util.Locale;
import java.util.Optional;

/**
 * A URL in the canonical form indicators are compared in: lower-case scheme and host, no default port, no
 * fragment or user info, an empty path as {@code /}, percent-escapes of unreserved characters decoded and all
 * other escapes in upper case. {@link #key()} leaves the scheme out because web server logs rarely record it.
 */
record NormalizedUrl(String scheme, String host, int port, String path, String query) {

    /** Parses an absolute URL ({@code scheme://host...}) or, with {@code schemeRequired} false, {@code host/path}. */
    public static Optional<NormalizedUrl> parse(String text, boolean schemeRequired) {
        String s = text.strip();
        int sep = s.indexOf("://");
        String scheme;
        if (sep > 0 && s.substring(0, sep).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            s = s.substring(sep + 3);
        } else {
            if (schemeRequired) return Optional.empty();
            scheme = "";
        }
        int hash = s.indexOf('#');
        if (hash >= 0) s = s.substring(0, hash);
        int pathStart = indexOfAny(s, "/?");
        String authority = pathStart < 0 ? s : s.substring(0, pathStart);
        String rest = pathStart < 0 ? "" : s.substring(pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = authority.substring(at + 1);
        String host;
        int port = -1;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) return Optional.empty();
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) port = parsePort(after.substring(1));
            else if (!after.isEmpty()) return Optional.empty();
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            if (colon >= 0) port = parsePort(authority.substring(colon + 1));
        }
        if (port == -2) return Optional.empty();
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '\\')) return Optional.empty();
        if (port == defaultPort(scheme)) port = -1;
        int q = rest.indexOf('?');
        String path = q >= 0 ? rest.substring(0, q) : rest;
        String query = q >= 0 ? rest.substring(q + 1) : null;
        if (path.isEmpty()) path = "/";
        return Optional.of(new NormalizedUrl(scheme, host, port, escapes(path), query == null ? null : escapes(query)));
    }

    /** host[:port]/path[?query], the form indicators are indexed under. */
    public String key() {
        return query == null ? keyWithoutQuery() : keyWithoutQuery() + "?" + query;
    }

    /** host[:port]/path. */
    public String keyWithoutQuery() {
        return port < 0 ? host + path : host + ":" + port + path;
    }

    @Override
    public String toString() {
        return (scheme.isEmpty() ? "" : scheme + "://") + key();
    }

    /** The port number, -1 when absent, -2 when malformed. */
    private static int parsePort(String p) {
        if (p.isEmpty()) return -1;
        if (p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return -2;
        int n = Integer.parseInt(p);
        return n > 65535 ? -2 : n;
    }

    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            case "ftp" -> 21;
            default -> -3;
        };
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return -1;
    }

    /** Decodes escapes of unreserved characters and upper-cases the hex digits of the others (RFC 3986 6.2.2). */
    static String escapes(String s) {
        if (s.indexOf('%') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    char d = (char) (hi * 16 + lo);
                    if (Character.isLetterOrDigit(d) && d < 128 || d == '-' || d == '.' || d == '_' || d == '~') {
                        b.append(d);
                    } else {
                        b.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                    }
                    i += 2;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
