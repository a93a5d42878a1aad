package dwell.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Address and range text forms: the ones feeds, rules and logs use, and the ones that must be refused. */
class IpAddressTest {
    private static IpAddress ip(String s) {
        return IpAddress.parse(s).orElseThrow(() -> new AssertionError("should parse: " + s));
    }

    private static void refused(String... bad) {
        for (String b : bad) assertTrue(IpAddress.parse(b).isEmpty(), b);
    }

    private static IpAddress field(String s) {
        return IpAddress.parseField(s, 0, s.length());
    }

    @Nested
    class Ipv4 {
        @Test
        void dottedQuads() {
            assertEquals("192.168.1.10", ip("192.168.1.10").toString());
            assertTrue(ip("0.0.0.0").v4());
            assertEquals(0xffffffffL, ip("255.255.255.255").lo());
            assertEquals(0xc0a8010aL, ip("192.168.1.10").lo());
            assertEquals(32, ip("1.2.3.4").bits());
        }

        @Test
        void outOfRangeAndMalformedRefused() {
            refused("256.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1.2.3.4a", "a.b.c.d", "1..2.3",
                    "", "1", "1.2.3.-4", "+1.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4%eth0", "4294967295", "0x7f.0.0.1");
        }

        @Test
        void leadingZerosRefused() {
            // inet_aton reads 010 as octal 8: the text names two different hosts to two tools
            refused("01.2.3.4", "1.02.3.4", "1.2.3.004", "00.0.0.0", "0001.2.3.4", "010.0.0.1");
            assertEquals("0.0.0.0", ip("0.0.0.0").toString(), "a lone zero is no leading zero");
        }

        @Test
        void unicodeDigitsRefused() {
            refused("\u0661.2.3.4", "\uff11.2.3.4", "1.2.3.\u0664");
        }

        @Test
        void canonicalTextIsRecognisedWithoutParsing() {
            assertTrue(IpAddress.isCanonicalV4("10.0.0.1"));
            assertTrue(IpAddress.isCanonicalV4("255.255.255.255"));
            for (String s : new String[] {"010.0.0.1", "10.0.0.1:80", " 10.0.0.1", "::1", "10.0.0", "256.0.0.1", ""}) {
                assertFalse(IpAddress.isCanonicalV4(s), s);
            }
        }
    }

    @Nested
    class Ipv6 {
        @Test
        void fullAndCompressedForms() {
            assertEquals("2001:db8::1", ip("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
            assertEquals("::", ip("::").toString());
            assertEquals("::1", ip("::1").toString());
            assertEquals("2001:db8::", ip("2001:db8::").toString());
            assertEquals("1:2:3:4:5:6:7:0", ip("1:2:3:4:5:6:7::").toString(), ":: may stand for one group");
            assertEquals("0:1:2:3:4:5:6:7", ip("::1:2:3:4:5:6:7").toString());
            assertEquals(ip("2001:db8::1"), ip("2001:DB8:0:0:0:0:0:1"), "hex digits in either case");
            assertEquals(0x20010db800000000L, ip("2001:db8::1").hi());
            assertEquals(1L, ip("2001:db8::1").lo());
            assertEquals(128, ip("::1").bits());
        }

        @Test
        void rfc5952Text() {
            assertEquals("2001:db8:0:1:1:1:1:1", ip("2001:db8:0:1:1:1:1:1").toString(), "a single zero group is not compressed");
            assertEquals("2001:0:0:1::1", ip("2001:0:0:1:0:0:0:1").toString(), "the longest run of zeros is compressed");
            assertEquals("2001:db8::1:0:0:1", ip("2001:db8:0:0:1:0:0:1").toString(), "of equal runs, the first");
            assertEquals("fe80::abcd", ip("FE80::ABCD").toString(), "lower case");
        }

        @Test
        void embeddedIpv4Tail() {
            assertEquals("64:ff9b::102:304", ip("64:ff9b::1.2.3.4").toString());
            assertEquals("1:2:3:4:5:6:102:304", ip("1:2:3:4:5:6:1.2.3.4").toString());
            refused("1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.04", "::1.2.3.4:5", "1.2.3.4::");
        }

        @Test
        void malformedRefused() {
            refused("1:2:3:4:5:6:7:8:9", "2001:db8:::1", "2001::db8::1", ":1", "1:", "12345::1", "g::1", "1:2:3:4:5:6:7",
                    "1::2:3:4:5:6:7:8", ":::", "1:2:3:4:5:6:7:8::", "::-1", "\uff21::1", "\u0661::1");
        }
    }

    @Nested
    class Zones {
        @Test
        void aZoneIsDropped() {
            assertEquals("fe80::1", ip("fe80::1%eth0").toString());
            assertEquals(ip("fe80::1"), ip("fe80::1%12"), "the same host whatever the interface");
        }

        @Test
        void anEmptyOrMalformedZoneOrAZoneOnIpv4IsRefused() {
            refused("fe80::1%", "fe80::1%eth0%1", "fe80::1%eth/0", "10.0.0.1%eth0");
        }
    }

    @Nested
    class Ipv4Mapped {
        @Test
        void aMappedAddressIsItsIpv4Host() {
            assertEquals(ip("1.2.3.4"), ip("::ffff:1.2.3.4"));
            assertEquals(ip("1.2.3.4"), ip("::FFFF:0102:0304"));
            assertEquals("10.1.2.3", ip("::ffff:10.1.2.3").toString());
            assertTrue(ip("::ffff:10.1.2.3").v4());
        }

        @Test
        void otherEmbeddingsStayIpv6() {
            assertFalse(ip("::1.2.3.4").v4(), "IPv4-compatible (deprecated) is not mapped");
            assertFalse(ip("64:ff9b::1.2.3.4").v4(), "NAT64 is not mapped");
            assertFalse(ip("::fffe:1.2.3.4").v4());
        }
    }

    @Nested
    class LogFields {
        @Test
        void portsAndBrackets() {
            assertEquals(ip("10.0.0.1"), field("10.0.0.1:52344"));
            assertEquals(ip("10.0.0.1"), field("10.0.0.1:0"));
            assertEquals(ip("10.0.0.1"), field("10.0.0.1:65535"));
            assertEquals(ip("2001:db8::1"), field("[2001:db8::1]:443"));
            assertEquals(ip("2001:db8::1"), field("[2001:db8::1]"));
            assertEquals(ip("fe80::1"), field("[fe80::1%eth0]:80"));
            assertEquals(ip("2001:db8::1"), field("2001:db8::1"), "a bare IPv6 address: its last group is no port");
            assertEquals(ip("1.2.3.4"), field("::ffff:1.2.3.4"));
        }

        @Test
        void blanksAroundAreIgnored() {
            assertEquals(ip("10.0.0.1"), field(" 10.0.0.1 "));
            assertEquals(ip("10.0.0.1"), field("\t10.0.0.1\r\n"));
            assertEquals(ip("10.0.0.1"), IpAddress.parseField("x,10.0.0.1,y", 2, 10), "a range of the text");
        }

        @Test
        void anythingElseIsNoAddress() {
            for (String s : new String[] {"-", "", "   ", "10.0.0.1:", "10.0.0.1:65536", "10.0.0.1:123456", "10.0.0.1:http",
                    "10.0.0.1:80:80", "[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:", "[2001:db8::1]:99999",
                    "[10.0.0.1]x", "[]", "2001:db8::1:443:1:2:3:4", "host.example:80", "010.0.0.1:80", "1.2.3.4 5"}) {
                assertNull(field(s), s);
            }
        }
    }

    @Nested
    class Ranges {
        @Test
        void boundaries() {
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
            assertFalse(Cidr.parse("::/0").orElseThrow().contains(ip("10.0.0.1")), "families never mix");
            assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains(ip("8.8.8.8")));
            assertTrue(Cidr.parse("1.2.3.4/32").orElseThrow().contains(ip("1.2.3.4")));
            assertFalse(Cidr.parse("1.2.3.4/32").orElseThrow().contains(ip("1.2.3.5")));
        }

        @Test
        void prefixesAcrossTheWordsOfAnIpv6Address() {
            assertTrue(Cidr.parse("2001:db8::/64").orElseThrow().contains(ip("2001:db8::ffff:ffff:ffff:ffff")));
            assertFalse(Cidr.parse("2001:db8::/64").orElseThrow().contains(ip("2001:db8:0:1::")));
            assertTrue(Cidr.parse("2001:db8::8000:0:0:0/65").orElseThrow().contains(ip("2001:db8::ffff:0:0:1")));
            assertFalse(Cidr.parse("2001:db8::8000:0:0:0/65").orElseThrow().contains(ip("2001:db8::7fff:0:0:1")));
            assertTrue(Cidr.parse("::1/128").orElseThrow().contains(ip("::1")));
            assertFalse(Cidr.parse("::1/128").orElseThrow().contains(ip("::2")));
            assertTrue(Cidr.parse("::/0").orElseThrow().contains(ip("ffff::1")));
            assertEquals("fe80::/10", Cidr.parse("fe80::1234/10").orElseThrow().toString());
        }

        @Test
        void mappedRangesAreIpv4Ranges() {
            Cidr all = Cidr.parse("::ffff:0:0/96").orElseThrow();
            assertEquals("0.0.0.0/0", all.toString());
            assertTrue(all.contains(ip("::ffff:10.1.2.3")));
            assertEquals("10.0.0.0/8", Cidr.parse("::ffff:10.0.0.0/104").orElseThrow().toString());
            assertTrue(Cidr.parse("10.0.0.0/8").orElseThrow().contains(ip("::ffff:10.9.9.9")));
            assertTrue(Cidr.parse("::ffff:0:0/95").isEmpty(), "wider than the mapped space: no IPv4 range");
        }

        @Test
        void malformedRefused() {
            for (String bad : new String[] {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "2001:db8::/129", "10.0.0.0/-1",
                    "10.0.0.0/8x", "x/8", "10.0.0.0", "10.0.0.0/1000", "10.0.0.0/ 8", "10.0.0.0/+8", "10.0.0.0/255.0.0.0",
                    "010.0.0.0/8", "10.0.0.0/8/8", "/8"}) {
                assertTrue(Cidr.parse(bad).isEmpty(), bad);
            }
            assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/08").orElseThrow().toString(), "the prefix is decimal");
        }

        @Test
        void aRangeKeepsItsInvariants() {
            assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("10.0.0.1"), 33));
            assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("::1"), -1));
            assertThrows(IllegalArgumentException.class, () -> new IpAddress(1, 0, true));
            assertThrows(IllegalArgumentException.class, () -> new IpAddress(0, 1L << 32, true));
        }
    }
}
