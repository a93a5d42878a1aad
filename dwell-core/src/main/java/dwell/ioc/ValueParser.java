package dwell.ioc;

import dwell.net.Cidr;
import dwell.net.IpAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Turns feed text into typed indicator values: by a declared type, or by inferring the type (plain lists). */
final class ValueParser {
    private static final Set<String> FILE_EXTENSIONS = loadExtensions();

    private ValueParser() {
    }

    /** Parses {@code text} as a value of the declared type. */
    public static IocValue parse(IocType type, String text) throws IocSyntaxException {
        String s = text.strip();
        if (s.isEmpty()) throw new IocSyntaxException("empty " + type.id() + " value");
        switch (type) {
            case IPV4, IPV6, CIDR -> {
                String v = refang(s);
                if (v.indexOf('/') >= 0) {
                    return new IocValue.Range(Cidr.parse(v).orElseThrow(() -> new IocSyntaxException("invalid CIDR range: " + s)),
                            Direction.ANY);
                }
                if (type == IocType.CIDR) throw new IocSyntaxException("invalid CIDR range (no /prefix): " + s);
                return new IocValue.Ip(IpAddress.parse(v).orElseThrow(() -> new IocSyntaxException("invalid IP address: " + s)),
                        Direction.ANY);
            }
            case DOMAIN -> {
                String d = hostName(refang(s), true);
                if (d == null) throw new IocSyntaxException("invalid domain name: " + s);
                if (IpAddress.parse(d).isPresent()) throw new IocSyntaxException("an IP address, not a domain: " + s);
                return new IocValue.Domain(d);
            }
            case HOSTNAME -> {
                String d = hostName(refang(s), false);
                if (d == null) throw new IocSyntaxException("invalid host name: " + s);
                return new IocValue.Hostname(d);
            }
            case URL -> {
                NormalizedUrl u = NormalizedUrl.parse(refang(s), false)
                        .orElseThrow(() -> new IocSyntaxException("invalid URL: " + s));
                if (u.scheme().isEmpty() && hostName(u.host(), false) == null && IpAddress.parse(u.host()).isEmpty()) {
                    throw new IocSyntaxException("invalid URL: " + s);
                }
                return new IocValue.Url(u);
            }
            case EMAIL -> {
                String e = email(refang(s));
                if (e == null) throw new IocSyntaxException("invalid e-mail address: " + s);
                return new IocValue.Email(e);
            }
            case MD5, SHA1, SHA256 -> {
                HashKind k = HashKind.ofLength(s.length());
                if (k == null || k.type() != type || !HashKind.isHex(s, 0, s.length())) {
                    throw new IocSyntaxException("not a " + type.id() + " hex digest (" + expectedLength(type) + " hex digits): " + s);
                }
                return new IocValue.Hash(k, HashKind.lower(s));
            }
            case FILE_NAME, FILE_PATH -> {
                if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0) {
                    boolean path = type == IocType.FILE_PATH || s.indexOf('\\') >= 0 || s.indexOf('/') >= 0;
                    return new IocValue.Pattern(path ? IocType.FILE_PATH : IocType.FILE_NAME, TextPattern.glob(s), null);
                }
                if (type == IocType.FILE_PATH || s.indexOf('\\') >= 0 || s.indexOf('/') >= 0) return new IocValue.FilePath(s);
                return new IocValue.FileName(s);
            }
            case USER_AGENT -> {
                return new IocValue.UserAgent(s);
            }
            case KEYWORD -> {
                return new IocValue.Keyword(s);
            }
            case PORT -> {
                int p = port(s);
                if (p < 0) throw new IocSyntaxException("invalid port: " + s);
                return new IocValue.Port(p, Direction.ANY);
            }
            default -> throw new IocSyntaxException("unsupported type " + type.id());
        }
    }

    /**
     * Infers the type of a plain-list value: URL (has a scheme), IP, CIDR, hash (by hex length), e-mail, file
     * path (a backslash or drive letter), file name (a known extension), domain; a value that is none of these
     * (a bare word could be a host name or a keyword) is refused rather than guessed.
     */
    public static IocValue infer(String text) throws IocSyntaxException {
        String s = refang(text.strip());
        if (s.isEmpty()) throw new IocSyntaxException("empty value");
        if (s.contains("://")) return parse(IocType.URL, s);
        if (IpAddress.parse(s).isPresent()) return parse(IocType.IPV4, s);
        if (s.indexOf('/') > 0 && Cidr.parse(s).isPresent()) return parse(IocType.CIDR, s);
        HashKind k = HashKind.ofLength(s.length());
        if (k != null && HashKind.isHex(s, 0, s.length())) return parse(k.type(), s);
        if (s.indexOf(' ') < 0 && s.indexOf('@') > 0 && email(s) != null) return parse(IocType.EMAIL, s);
        if (s.indexOf('\\') >= 0 || s.length() > 2 && s.charAt(1) == ':' && Character.isLetter(s.charAt(0))) {
            return parse(IocType.FILE_PATH, s);
        }
        if (s.indexOf(' ') < 0) {
            int slash = s.indexOf('/');
            String head = slash > 0 ? s.substring(0, slash) : s;
            if (slash < 0 && isFileName(s)) return parse(IocType.FILE_NAME, s);
            if (head.indexOf('.') > 0 && hostName(head, true) != null) {
                return slash > 0 ? parse(IocType.URL, s) : parse(IocType.DOMAIN, s);
            }
        }
        if (s.indexOf('/') > 0 && s.indexOf(' ') > 0) return parse(IocType.USER_AGENT, s);
        throw new IocSyntaxException("cannot infer the indicator type of '" + abbreviate(s) + "' (use a CSV feed with a type column)");
    }

    /** Undoes common defanging: {@code hxxp}, {@code [.]}, {@code (.)}, {@code [:]}, {@code [@]}, {@code [at]}. */
    public static String refang(String s) {
        if (s.indexOf('[') < 0 && s.indexOf('(') < 0 && !s.regionMatches(true, 0, "hxxp", 0, 4)) return s;
        String r = s.replace("[.]", ".").replace("(.)", ".").replace("[dot]", ".").replace("[:]", ":")
                .replace("[@]", "@").replace("[at]", "@").replace("[://]", "://");
        if (r.regionMatches(true, 0, "hxxp", 0, 4)) r = "http" + r.substring(4);
        return r;
    }

    /** A lower-case host name, or null when the text is not one; {@code needDot} asks for two labels at least. */
    static String hostName(String s, boolean needDot) {
        String h = s.toLowerCase(Locale.ROOT);
        if (h.startsWith("*.")) h = h.substring(2);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.isEmpty() || h.length() > 253) return null;
        if (needDot && h.indexOf('.') < 0) return null;
        String tld = h.substring(h.lastIndexOf('.') + 1);
        if (h.indexOf('.') > 0 && tld.chars().allMatch(c -> c >= '0' && c <= '9')) return null; // a malformed address
        int labelStart = 0;
        for (int i = 0; i <= h.length(); i++) {
            if (i == h.length() || h.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63) return null;
                if (h.charAt(labelStart) == '-' || h.charAt(i - 1) == '-') return null;
                labelStart = i + 1;
                continue;
            }
            char c = h.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) return null;
        }
        return h;
    }

    static String email(String s) {
        String e = s.strip().toLowerCase(Locale.ROOT);
        if (e.regionMatches(true, 0, "smtp:", 0, 5)) e = e.substring(5);
        int at = e.lastIndexOf('@');
        if (at <= 0 || at == e.length() - 1) return null;
        String local = e.substring(0, at);
        if (local.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '@')) return null;
        return hostName(e.substring(at + 1), true) == null ? null : e;
    }

    static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535 ? p : -1;
    }

    static boolean isFileName(String s) {
        int dot = s.lastIndexOf('.');
        return dot > 0 && dot < s.length() - 1 && FILE_EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static int expectedLength(IocType t) {
        return switch (t) {
            case MD5 -> 32;
            case SHA1 -> 40;
            default -> 64;
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static Set<String> loadExtensions() {
        Set<String> set = new HashSet<>();
        try (InputStream in = ValueParser.class.getResourceAsStream("/dwell/ioc/file-extensions.txt")) {
            if (in == null) throw new IllegalStateException("resource missing: dwell/ioc/file-extensions.txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) set.add(line.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
