package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.ioc.StixCompiler.Term;
import dwell.ioc.stix.PatternNode;
import dwell.ioc.stix.StixParser;
import dwell.ioc.stix.StixPatternException;
import dwell.net.Cidr;
import dwell.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The STIX 2.1 pattern parser and compiler, operator by operator. */
class StixPatternTest {
    private static List<List<Term>> c(String p) throws StixPatternException {
        return StixCompiler.compile(p);
    }

    private static Term single(String p) throws StixPatternException {
        List<List<Term>> d = c(p);
        assertEquals(1, d.size(), p);
        assertEquals(1, d.get(0).size(), p);
        return d.get(0).get(0);
    }

    @Test
    void equalsOnEachObjectType() throws Exception {
        assertEquals(new IocValue.Ip(IpAddress.parse("198.51.100.1").orElseThrow(), Direction.ANY),
                single("[ipv4-addr:value = '198.51.100.1']").value());
        assertEquals(IocType.IPV6, single("[ipv6-addr:value = '2001:db8::1']").value().type());
        assertEquals(new IocValue.Range(Cidr.parse("198.51.100.0/24").orElseThrow(), Direction.ANY),
                single("[ipv4-addr:value = '198.51.100.0/24']").value(), "a CIDR value is a range");
        assertEquals(new IocValue.Domain("evil.example.com"), single("[domain-name:value = 'Evil.Example.com']").value());
        assertEquals("http://evil.example.com/a", single("[url:value = 'http://EVIL.example.com:80/a']").value().text());
        assertEquals(new IocValue.Email("bad@evil.example"), single("[email-addr:value = 'bad@evil.example']").value());
        assertEquals(new IocValue.Email("bad@evil.example"), single("[email-message:from_ref.value = 'bad@evil.example']").value());
        assertEquals(new IocValue.FileName("x.aspx"), single("[file:name = 'x.aspx']").value());
        assertEquals(new IocValue.Hash(HashKind.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
                single("[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']").value());
        assertEquals(IocType.SHA256, single("[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']").value().type());
        assertEquals(IocType.SHA1, single("[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']").value().type());
    }

    @Test
    void aFileNameAndItsFolderAreOneFilePath() throws Exception {
        // as dwell's own export writes a file whose folder makes it malicious, in either order
        assertEquals(new IocValue.FilePath("c:\\windows \\system32\\winmm.dll"),
                single("[file:name = 'winmm.dll' AND file:parent_directory_ref.path = 'c:\\\\windows \\\\system32']").value());
        assertEquals(new IocValue.FilePath("/var/www/html/x.php"),
                single("[file:parent_directory_ref.path = '/var/www/html' AND file:name = 'x.php']").value());
        // a folder alone, or a negated name, is not a file path
        assertTrue(assertThrows(StixPatternException.class, () -> c("[file:parent_directory_ref.path = 'c:\\\\temp']")).unsupported());
        assertTrue(assertThrows(StixPatternException.class,
                () -> c("[file:name != 'a.exe' AND file:parent_directory_ref.path = 'c:\\\\temp']")).unsupported());
    }

    @Test
    void notEquals() throws Exception {
        List<List<Term>> d = c("[file:name = 'x.exe' AND file:hashes.MD5 != 'd41d8cd98f00b204e9800998ecf8427e']");
        assertEquals(1, d.size());
        assertFalse(d.get(0).get(0).negated());
        assertTrue(d.get(0).get(1).negated());
        assertTrue(c("[file:name NOT = 'a.exe' AND file:name = 'b.exe']").get(0).get(0).negated(), "NOT = is !=");
        StixPatternException e = assertThrows(StixPatternException.class, () -> c("[ipv4-addr:value != '1.2.3.4']"));
        assertTrue(e.unsupported(), "only negations: nothing to anchor on");
    }

    @Test
    void in() throws Exception {
        List<List<Term>> d = c("[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]");
        assertEquals(2, d.size(), "IN is an OR of equalities");
        List<List<Term>> n = c("[domain-name:value = 'a.com' AND domain-name:value NOT IN ('b.a.com', 'c.a.com')]");
        assertEquals(1, n.size());
        assertEquals(3, n.get(0).size(), "NOT IN is an AND of inequalities");
        assertTrue(n.get(0).get(1).negated() && n.get(0).get(2).negated());
    }

    @Test
    void likeAndMatches() throws Exception {
        IocValue.Pattern like = (IocValue.Pattern) single("[file:name LIKE 'up_ate%.exe']").value();
        assertEquals(IocType.FILE_NAME, like.type());
        assertTrue(like.test("update_v2.exe"));
        assertFalse(like.test("upd.exe"));
        assertFalse(like.test("UPDATE.exe"), "LIKE is case-sensitive");
        IocValue.Pattern re = (IocValue.Pattern) single("[url:value MATCHES '^https?://[^/]+/owa/auth/[a-z0-9]{6}\\\\.js$']").value();
        assertTrue(re.test("https://mail.x.com/owa/auth/abc123.js"));
        assertFalse(re.test("https://mail.x.com/owa/auth/abc1234.js"));
        StixPatternException bad = assertThrows(StixPatternException.class, () -> c("[file:name MATCHES '(?=x)y']"));
        assertTrue(bad.getMessage().contains("linear-time"), bad.getMessage());
    }

    @Test
    void issubset() throws Exception {
        assertEquals(new IocValue.Range(Cidr.parse("10.0.0.0/8").orElseThrow(), Direction.ANY),
                single("[ipv4-addr:value ISSUBSET '10.0.0.0/8']").value());
        assertEquals(new IocValue.Range(Cidr.parse("10.0.0.0/8").orElseThrow(), Direction.DESTINATION),
                single("[network-traffic:dst_ref.value ISSUBSET '10.0.0.0/8']").value());
        assertThrows(StixPatternException.class, () -> c("[ipv4-addr:value ISSUBSET 'not-a-cidr']"));
    }

    @Test
    void networkTrafficRefs() throws Exception {
        List<List<Term>> d = c("[network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 443]");
        assertEquals(new IocValue.Ip(IpAddress.parse("203.0.113.5").orElseThrow(), Direction.DESTINATION), d.get(0).get(0).value());
        assertEquals(new IocValue.Port(443, Direction.DESTINATION), d.get(0).get(1).value());
        assertEquals(Direction.SOURCE, ((IocValue.Ip) single("[network-traffic:src_ref.value = '203.0.113.5']").value()).direction());
        assertEquals(new IocValue.UserAgent("EvilBot/1.0"),
                single("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'EvilBot/1.0']").value());
    }

    @Test
    void andOrWithinAnObservationAndOrAcross() throws Exception {
        assertEquals(2, c("[file:name = 'a.exe' OR file:name = 'b.exe']").size());
        List<List<Term>> dnf = c("[(file:name = 'a.exe' OR file:name = 'b.exe') AND file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");
        assertEquals(2, dnf.size(), "AND distributes over OR");
        assertEquals(2, dnf.get(0).size());
        assertEquals(2, c("[domain-name:value = 'a.com'] OR [ipv4-addr:value = '1.2.3.4']").size(), "OR of observations");
        assertEquals(3, c("([domain-name:value = 'a.com'] OR [ipv4-addr:value = '1.2.3.4']) OR [url:value = 'http://x.com/']").size());
    }

    @Test
    void unsupportedConstructsAreNamed() {
        for (String[] p : new String[][] {
                {"[file:name = 'a'] FOLLOWEDBY [file:name = 'b']", "FOLLOWEDBY"},
                {"[file:name = 'a'] WITHIN 300 SECONDS", "WITHIN 300 SECONDS"},
                {"[file:name = 'a'] REPEATS 5 TIMES", "REPEATS 5 TIMES"},
                {"[file:name = 'a'] START t'2021-01-01T00:00:00Z' STOP t'2021-02-01T00:00:00Z'", "START"},
                {"[file:name = 'a'] AND [file:name = 'b']", "AND between observations"},
                {"[EXISTS file:name]", "EXISTS"},
                {"[file:size > 100]", "property file:size"},
                {"[process:name = 'x']", "object type process"},
                {"[file:hashes.'SHA-512' = 'ab']", "SHA-512"},
                {"[windows-registry-key:key = 'HKLM\\\\x']", "windows-registry-key"},
                {"[ipv4-addr:value ISSUPERSET '1.2.3.4']", "ISSUPERSET"}}) {
            StixPatternException e = assertThrows(StixPatternException.class, () -> c(p[0]), p[0]);
            assertTrue(e.unsupported(), p[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(p[1]), p[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void syntaxErrors() {
        for (String p : new String[] {"[file:name = 'a'", "file:name = 'a'", "[file:name = 'a]", "[file:name 'a']",
                "[file:name = 'a' AND]", "[:name = 'a']", "[file:name = 'a'] garbage", "[file:name = 'a\\x']",
                "[file:name IN ('a', )]", "[file:name = 'a'] WITHIN SECONDS"}) {
            StixPatternException e = assertThrows(StixPatternException.class, () -> c(p), p);
            assertFalse(e.unsupported(), p + " is malformed, not unsupported: " + e.getMessage());
        }
    }

    @Test
    void parserKeepsEscapesAndStructure() throws Exception {
        PatternNode n = StixParser.parse("[file:name = 'it\\'s \\\\ here'] WITHIN 5 SECONDS");
        PatternNode.Observation o = assertInstanceOf(PatternNode.Observation.class, n);
        assertEquals(List.of("WITHIN 5 SECONDS"), o.qualifiers());
        PatternNode.Test t = assertInstanceOf(PatternNode.Test.class, o.comparison());
        assertEquals("it's \\ here", t.values().get(0).text());
        assertEquals("file:name", t.path().toString());
    }
}
