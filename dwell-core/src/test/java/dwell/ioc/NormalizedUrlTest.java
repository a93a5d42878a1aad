package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** URL normalisation (RFC 3986 section 6): what two spellings of one URL have in common. */
class NormalizedUrlTest {
    private static String norm(String s) {
        return NormalizedUrl.parse(s, false).orElseThrow().toString();
    }

    @Test
    void schemeAndHostCase() {
        assertEquals("http://evil.example.com/Path/X.aspx", norm("HTTP://Evil.EXAMPLE.com/Path/X.aspx"));
    }

    @Test
    void defaultPortsDropped() {
        assertEquals("http://a.com/", norm("http://a.com:80/"));
        assertEquals("https://a.com/", norm("https://a.com:443"));
        assertEquals("https://a.com:8443/", norm("https://a.com:8443/"));
        assertEquals("http://a.com:443/", norm("http://a.com:443/"), "443 is only default for https");
    }

    @Test
    void percentEncoding() {
        assertEquals("http://a.com/~user/a-b", norm("http://a.com/%7Euser/a%2db"), "unreserved decoded");
        assertEquals("http://a.com/a%2Fb?q=%3D", norm("http://a.com/a%2fb?q=%3d"), "reserved kept, hex upper-cased");
    }

    @Test
    void fragmentAndUserInfoDropped() {
        assertEquals("http://a.com/x", norm("http://user:pw@a.com/x#frag"));
    }

    @Test
    void keyLeavesSchemeOut() {
        NormalizedUrl u = NormalizedUrl.parse("https://Mail.Victim.com/owa/auth/x.js?a=1", true).orElseThrow();
        assertEquals("mail.victim.com/owa/auth/x.js?a=1", u.key());
        assertEquals("mail.victim.com/owa/auth/x.js", u.keyWithoutQuery());
        assertTrue(NormalizedUrl.parse("mail.victim.com/x", true).isEmpty(), "scheme required");
        assertTrue(NormalizedUrl.parse("http://a.com:99999/", false).isEmpty(), "bad port");
    }
}
