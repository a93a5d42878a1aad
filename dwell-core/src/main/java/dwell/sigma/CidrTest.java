package dwell.sigma;

/** The {@code cidr} modifier: the field holds an IPv4 or IPv6 address inside the network. */
public final class CidrTest implements ValueTest {
    private final byte[] network;
    private final int prefix;

    public CidrTest(String cidr) {
        String c = cidr.trim();
        int slash = c.indexOf('/');
        byte[] addr = IpAddress.parse(slash < 0 ? c : c.substring(0, slash));
        if (addr == null) throw new RuleException("not a CIDR network: '" + cidr + "'", cidr);
        int bits = addr.length * 8;
        int p = bits;
        if (slash >= 0) {
            try {
                p = Integer.parseInt(c.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new RuleException("not a CIDR network: '" + cidr + "'", cidr);
            }
            if (p < 0 || p > bits) throw new RuleException("CIDR prefix out of range: '" + cidr + "'", cidr);
        }
        this.network = addr;
        this.prefix = p;
    }

    @Override
    public boolean test(String value, EventView view) {
        if (value == null) return false;
        byte[] a = IpAddress.parse(value.trim());
        if (a == null || a.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return "cidr " + prefix;
    }
}
