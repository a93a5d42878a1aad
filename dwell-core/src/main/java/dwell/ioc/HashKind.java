package dwell.ioc;

import java.util.Locale;

/** The file hash algorithms indicators name, told apart by their hex length. */
enum HashKind {
    MD5("MD5", 32), SHA1("SHA-1", 40), SHA256("SHA-256", 64);

    private final String algorithm;
    private final int hexLength;

    HashKind(String algorithm, int hexLength) {
        this.algorithm = algorithm;
        this.hexLength = hexLength;
    }

    /** The {@link java.security.MessageDigest} algorithm name. */
    public String algorithm() {
        return algorithm;
    }

    public int hexLength() {
        return hexLength;
    }

    public IocType type() {
        return switch (this) {
            case MD5 -> IocType.MD5;
            case SHA1 -> IocType.SHA1;
            case SHA256 -> IocType.SHA256;
        };
    }

    /** The kind whose digests have this many hex digits, or null. */
    public static HashKind ofLength(int hexLength) {
        for (HashKind k : values()) {
            if (k.hexLength == hexLength) return k;
        }
        return null;
    }

    /** True if {@code s} is only hex digits. */
    public static boolean isHex(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
        }
        return to > from;
    }

    public static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
