package dwell.ioc;

import dwell.net.Cidr;
import dwell.net.IpAddress;
import java.util.Locale;

/** What an indicator matches: one typed value (or pattern) in its canonical form. */
sealed interface IocValue {
    IocType type();

    /** The canonical text of the value, as shown in findings. */
    String text();

    /** One IPv4 or IPv6 address. */
    record Ip(IpAddress address, Direction direction) implements IocValue {
        public IocType type() {
            return address.v4() ? IocType.IPV4 : IocType.IPV6;
        }

        public String text() {
            return address.toString();
        }
    }

    /** An address range. */
    record Range(Cidr cidr, Direction direction) implements IocValue {
        public IocType type() {
            return IocType.CIDR;
        }

        public String text() {
            return cidr.toString();
        }
    }

    /** A domain: matches the name itself and every sub-domain of it. Lower case, no trailing dot. */
    record Domain(String name) implements IocValue {
        public IocType type() {
            return IocType.DOMAIN;
        }

        public String text() {
            return name;
        }
    }

    /** A URL, compared in normalised form. */
    record Url(NormalizedUrl url) implements IocValue {
        public IocType type() {
            return IocType.URL;
        }

        public String text() {
            return url.toString();
        }
    }

    /** A single host name (no sub-domain semantics), lower case. */
    record Hostname(String name) implements IocValue {
        public IocType type() {
            return IocType.HOSTNAME;
        }

        public String text() {
            return name;
        }
    }

    /** An e-mail address, lower case. */
    record Email(String address) implements IocValue {
        public IocType type() {
            return IocType.EMAIL;
        }

        public String text() {
            return address;
        }
    }

    /** A file hash, lower-case hex. */
    record Hash(HashKind kind, String hex) implements IocValue {
        public IocType type() {
            return kind.type();
        }

        public String text() {
            return hex;
        }
    }

    /** An exact file name (no directory), compared case-insensitively as Windows does. */
    record FileName(String name) implements IocValue {
        public IocType type() {
            return IocType.FILE_NAME;
        }

        public String text() {
            return name;
        }

        /** The comparison key: lower case. */
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An exact file path, compared case-insensitively with either separator and without a drive letter; it also
     * matches a longer path that ends with it at a directory boundary (evidence copied under a collection folder).
     */
    record FilePath(String path) implements IocValue {
        public IocType type() {
            return IocType.FILE_PATH;
        }

        public String text() {
            return path;
        }

        public String key() {
            return pathKey(path);
        }

        /** Lower case, backslashes, no drive letter. */
        public static String pathKey(String p) {
            String k = p.replace('/', '\\').toLowerCase(Locale.ROOT);
            if (k.length() >= 2 && k.charAt(1) == ':' && Character.isLetter(k.charAt(0))) k = k.substring(2);
            return k;
        }
    }

    /** A user agent string (or a distinctive part of one), searched in user-agent fields. */
    record UserAgent(String text) implements IocValue {
        public IocType type() {
            return IocType.USER_AGENT;
        }
    }

    /** A keyword searched in the raw text of events (LOKI/THOR keyword lists), case-sensitive. */
    record Keyword(String text) implements IocValue {
        public IocType type() {
            return IocType.KEYWORD;
        }
    }

    /** A TCP/UDP port, only ever a condition next to an address (MISP {@code ip-dst|port}, STIX dst_port). */
    record Port(int port, Direction direction) implements IocValue {
        public IocType type() {
            return IocType.PORT;
        }

        public String text() {
            return Integer.toString(port);
        }
    }

    /**
     * A pattern over the fields of one type: LOKI filename regexes (with their false-positive regex), globs,
     * STIX LIKE and MATCHES. {@code exclude} (nullable) vetoes a match.
     */
    record Pattern(IocType target, TextPattern pattern, TextPattern exclude) implements IocValue {
        public IocType type() {
            return target;
        }

        public String text() {
            return pattern.source();
        }

        /** True if the value matches and the exclusion does not. */
        public boolean test(CharSequence value) {
            return pattern.matches(value) && (exclude == null || !exclude.matches(value));
        }
    }
}
