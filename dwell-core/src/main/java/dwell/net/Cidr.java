package dwell.net;

import java.util.Optional;

/** An address range in CIDR notation; the base is stored with its host bits cleared. */
public record Cidr(IpAddress base, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > base.bits()) throw new IllegalArgumentException("prefix out of range: " + prefix);
        base = base.mask(prefix);
    }

    /**
     * Parses {@code address/prefix}; empty when either part is invalid. The prefix is one to three decimal digits;
     * an IPv4-mapped IPv6 range ({@code ::ffff:0:0/96} and longer) is the IPv4 range it maps.
     */
    public static Optional<Cidr> parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return Optional.empty();
        IpAddress a = IpAddress.parse(s, 0, slash);
        if (a == null) return Optional.empty();
        String p = s.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
        int n = Integer.parseInt(p);
        boolean mappedV6Syntax = a.v4() && s.indexOf(':') >= 0;
        if (mappedV6Syntax) {
            if (n < 96 || n > 128) return Optional.empty();
            n -= 96;
        }
        if (n > a.bits()) return Optional.empty();
        return Optional.of(new Cidr(a, n));
    }

    /** True when {@code a} is in this range (an IPv4-mapped IPv6 address is its IPv4 host). */
    public boolean contains(IpAddress a) {
        return base.samePrefix(a, prefix);
    }

    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
