package dwell.sigma;

import dwell.net.Cidr;
import dwell.net.IpAddress;

/**
 * The {@code cidr} modifier: the field holds an IPv4 or IPv6 address inside the network, as a log field writes
 * it ({@link IpAddress#parseField}: brackets and a port allowed). A network without a prefix is one host.
 */
final class CidrTest implements ValueTest {
    private final Cidr network;
    private final String source;

    public CidrTest(String cidr) {
        this.source = cidr;
        String c = cidr.trim();
        int slash = c.indexOf('/');
        IpAddress base = IpAddress.parse(c, 0, slash < 0 ? c.length() : slash);
        if (base == null) throw new RuleException("not a CIDR network: '" + cidr + "'", cidr);
        this.network = slash < 0 ? new Cidr(base, base.bits())
                : Cidr.parse(c).orElseThrow(() -> new RuleException("invalid CIDR prefix: '" + cidr + "'", cidr));
    }

    @Override
    public boolean test(String value, EventView view) {
        if (value == null) return false;
        IpAddress a = IpAddress.parseField(value, 0, value.length());
        return a != null && network.contains(a);
    }

    /** The network as the rule wrote it. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return "cidr " + network;
    }
}
