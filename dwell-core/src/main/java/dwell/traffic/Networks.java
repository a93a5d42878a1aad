package dwell.traffic;

import dwell.net.IpAddress;

/** The network a source address belongs to for grouping related sources: its /24 (IPv4) or /64 (IPv6) block by default. */
public record Networks(int prefixV4, int prefixV6) {
    /** {@code 203.0.113.0/24} for 203.0.113.7; a source that is no address is its own network. */
    public String of(String source) {
        IpAddress a = IpAddress.parseField(source, 0, source.length());
        if (a == null) return source;
        int prefix = a.v4() ? prefixV4 : prefixV6;
        return a.mask(prefix) + "/" + prefix;
    }
}
