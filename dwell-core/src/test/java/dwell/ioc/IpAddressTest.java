package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Address and range parsing: the forms feeds and logs use, and the ones that must be refused. */
class IpAddressTest {
    private static IpAddress ip(String s) {
        return IpAddress.parse(s).orElseThrow(() -> new AssertionError("should parse: " + s));
    }

    @Test
    void ipv4() {
        assertEquals("192.168.1.10", ip("192.168.1.10").toString());
        assertTrue(ip("0.0.0.0").v4());
        assertEquals(0xffffffffL, ip("255.255.255.255").lo());
        for (String bad : new String[] {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.", "01.2.3.4", "1.2.3.4a", "a.b.c.d", "1..2.3", ""}) {
            assertTrue(IpAddress.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void ipv6() {
        assertEquals("2001:db8::1", ip("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", ip("::").toString());
        assertEquals("::1", ip("::1").toString());
        assertEquals("fe80::1", ip("fe80::1%eth0").toString(), "zone dropped");
        assertEquals("2001:db8::", ip("2001:db8::").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", ip("2001:db8:0:1:1:1:1:1").toString(), "a single zero group is not compressed");
        assertEquals(ip("1.2.3.4"), ip("::ffff:1.2.3.4"), "v4-mapped is the v4 host");
        assertEquals("64:ff9b::102:304", ip("64:ff9b::1.2.3.4").toString(), "embedded v4 tail");
        for (String bad : new String[] {"1:2:3:4:5:6:7:8:9", "2001:db8:::1", "2001::db8::1", ":1", "1:", "12345::1", "g::1", "1:2:3:4:5:6:7"}) {
            assertTrue(IpAddress.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void logFieldForms() {
        assertEquals(ip("10.0.0.1"), IpAddress.parseField("10.0.0.1:52344", 0, 14));
        assertEquals(ip("2001:db8::1"), IpAddress.parseField("[2001:db8::1]:443", 0, 17));
        assertEquals(ip("10.0.0.1"), IpAddress.parseField(" 10.0.0.1 ", 0, 10));
        assertNull(IpAddress.parseField("-", 0, 1));
    }

    @Test
    void cidrBoundaries() {
        Cidr c = Cidr.parse("10.1.2.0/23").orElseThrow();
        assertEquals("10.1.2.0/23", c.toString());
        assertTrue(c.contains(ip("10.1.2.0")));
        assertTrue(c.contains(ip("10.1.3.255")));
        assertFalse(c.contains(ip("10.1.4.0")));
        assertFalse(c.contains(ip("10.1.1.255")));
        assertEquals("10.1.2.0/23", Cidr.parse("10.1.3.77/23").orElseThrow().toString(), "host bits cleared");
        Cidr v6 = Cidr.parse("2001:db8:abcd::/48").orElseThrow();
        assertTrue(v6.contains(ip("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(v6.contains(ip("2001:db8:abce::")));
        assertFalse(v6.contains(ip("10.0.0.1")), "families never mix");
        assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains(ip("8.8.8.8")));
        assertTrue(Cidr.parse("1.2.3.4/32").orElseThrow().contains(ip("1.2.3.4")));
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8x", "x/8"}) {
            assertTrue(Cidr.parse(bad).isEmpty(), bad);
        }
    }
}
