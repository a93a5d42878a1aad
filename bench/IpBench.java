import dwell.net.Cidr;
import dwell.net.IpAddress;
import inet.ipaddr.HostName;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * dwell.net against seancfoley's IPAddress library on the pivot's and the IOC engine's hot paths, one thread: reading
 * a log field's address (IIS c-ip, X-Forwarded-For: bare v4 mostly, v4:port, v6, IPv4-mapped, [v6]:port, "-"), its
 * canonical text (the pivot's value), and membership in the special-purpose and private ranges of
 * dwell/pivot/addresses.yaml (AddressClass's test). Median CPU nanoseconds per field of 9 runs after warm-up;
 * all figures are taken twice, the second time printed, so neither side pays the other's warm-up.
 * Usage: java -cp 'dwell-cli/target/lib/*:IPADDRESS_JAR' bench/IpBench.java
 */
public class IpBench {
    public static void main(String[] args) throws Exception {
        String[] fields = fields(200_000);
        List<String> ranges = new ArrayList<>();
        try (InputStream in = IpAddress.class.getResourceAsStream("/dwell/pivot/addresses.yaml")) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                if (line.startsWith("  - ")) ranges.add(line.substring(4).strip());
            }
        }
        Cidr[] ours = ranges.stream().map(r -> Cidr.parse(r).orElseThrow()).toArray(Cidr[]::new);
        IPAddress[] theirs = ranges.stream().map(r -> new IPAddressString(r).getAddress().toPrefixBlock()).toArray(IPAddress[]::new);

        long[] sink = new long[1];
        IpAddress[] parsed = Arrays.stream(fields).map(f -> IpAddress.parseField(f, 0, f.length())).filter(a -> a != null).toArray(IpAddress[]::new);
        IPAddress[] parsedLib = Arrays.stream(fields).map(f -> new HostName(f).asAddress()).filter(a -> a != null)
                .map(a -> a.isIPv6() && a.toIPv6().isIPv4Mapped() ? a.toIPv6().getEmbeddedIPv4Address() : a).toArray(IPAddress[]::new);
        double[] f = new double[6];
        for (int round = 0; round < 2; round++) {
            f[0] = time(fields.length, () -> {
                for (String x : fields) if (IpAddress.parseField(x, 0, x.length()) != null) sink[0]++;
            });
            f[1] = time(fields.length, () -> {
                for (String x : fields) if (new HostName(x).asAddress() != null) sink[0]++;
            });
            f[2] = time(fields.length, () -> {
                for (String x : fields) {
                    IpAddress a = IpAddress.parseField(x, 0, x.length());
                    if (a != null) sink[0] += a.toString().length();
                }
            });
            f[3] = time(fields.length, () -> {
                for (String x : fields) {
                    IPAddress a = new HostName(x).asAddress();
                    if (a != null) {
                        IPAddress v4 = a.isIPv6() && a.toIPv6().isIPv4Mapped() ? a.toIPv6().getEmbeddedIPv4Address() : a;
                        sink[0] += v4.withoutPrefixLength().toCanonicalString().length();
                    }
                }
            });
            f[4] = time(parsed.length, () -> {
                for (IpAddress a : parsed) for (Cidr c : ours) if (c.contains(a)) {
                    sink[0]++;
                    break;
                }
            });
            f[5] = time(parsedLib.length, () -> {
                for (IPAddress a : parsedLib) for (IPAddress c : theirs) if (c.contains(a)) {
                    sink[0]++;
                    break;
                }
            });
        }
        System.out.printf(Locale.ROOT, "%d log fields (%d addresses), %d ranges; ns per field (membership: per address, first range that holds it)%n",
                fields.length, parsed.length, ranges.size());
        System.out.printf(Locale.ROOT, "%-44s %10s %14s %8s%n", "path", "dwell.net", "IPAddress 5.5.1", "ratio");
        row("parse a log field's address", f[0], f[1]);
        row("parse + canonical text (pivot value)", f[2], f[3]);
        row("membership in addresses.yaml ranges", f[4], f[5]);
        if (sink[0] == 42) System.out.println();
    }

    static void row(String what, double ours, double lib) {
        System.out.printf(Locale.ROOT, "%-44s %10.1f %14.1f %7.1fx%n", what, ours, lib, lib / ours);
    }

    /**
     * Median nanoseconds of thread CPU time per item of 9 timed runs after 5 warm-up runs (CPU time: the machine
     * may be shared).
     */
    static double time(int items, Runnable r) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) r.run();
        double[] t = new double[9];
        for (int i = 0; i < t.length; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            r.run();
            t[i] = (mx.getCurrentThreadCpuTime() - t0) / (double) items;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    static String[] fields(int n) {
        Random r = new Random(198_51_100);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            String v4 = (k % 3 == 0 ? 10 : 1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            String v6 = "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + "::" + Integer.toHexString(1 + r.nextInt(0xffff));
            out[i] = k < 70 ? v4 : k < 80 ? v4 + ":" + (1024 + r.nextInt(60000)) : k < 88 ? v6 : k < 94 ? "::ffff:" + v4
                    : k < 98 ? "[" + v6 + "]:443" : "-";
        }
        return out;
    }
}
