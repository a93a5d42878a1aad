package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.net.Cidr;
import dwell.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What an address can say about an actor, by the special-purpose and private ranges of {@code dwell/pivot/addresses.yaml}. */
enum AddressClass {
    /** Loopback, link-local, multicast, broadcast, unspecified, reserved: never an actor's. */
    SPECIAL,
    /** An organisation's own networks: meaningful inside one network only. */
    INTERNAL,
    /** A content-delivery network's or code host's front end, serving many unrelated sites: says nothing of who called it. */
    SHARED,
    /** Routable on the internet: the strongest link between two traces. */
    PUBLIC;

    private static final List<Cidr> SPECIAL_RANGES = new ArrayList<>();
    private static final List<Cidr> INTERNAL_RANGES = new ArrayList<>();
    private static final List<Cidr> SHARED_RANGES = new ArrayList<>();

    static {
        try (InputStream in = AddressClass.class.getResourceAsStream("/dwell/pivot/addresses.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            root.path("special").forEach(n -> SPECIAL_RANGES.add(cidr(n.asText())));
            root.path("internal").forEach(n -> INTERNAL_RANGES.add(cidr(n.asText())));
            root.path("shared").forEach(n -> SHARED_RANGES.add(cidr(n.asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Cidr cidr(String s) {
        return Cidr.parse(s).orElseThrow(() -> new IllegalStateException("bad range in addresses.yaml: " + s));
    }

    public static AddressClass of(IpAddress a) {
        for (Cidr c : SPECIAL_RANGES) {
            if (c.contains(a)) return SPECIAL;
        }
        for (Cidr c : INTERNAL_RANGES) {
            if (c.contains(a)) {
                // x.y.z.255 in a private network is its directed broadcast (every /24 or wider net ends there):
                // lab traffic to 10.255.255.255 or 192.168.56.255 links every machine that ever sent a NetBIOS name query
                return a.v4() && (a.lo() & 0xff) == 0xff ? SPECIAL : INTERNAL;
            }
        }
        for (Cidr c : SHARED_RANGES) {
            if (c.contains(a)) return SHARED;
        }
        return PUBLIC;
    }

    /** The class of a canonical address literal; a value that is no address is {@link #SPECIAL} (never pivots). */
    public static AddressClass of(String ip) {
        IpAddress a = IpAddress.parse(ip, 0, ip.length());
        return a == null ? SPECIAL : of(a);
    }
}
