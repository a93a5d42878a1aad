package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.event.TestRoles;
import dwell.format.Collected;
import dwell.format.access.AccessLog;
import dwell.format.evtx.EvtxLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Indicators read from events, and the time window of a hunt. */
class IndicatorsTest {
    @Test
    void iisLineGivesIpUserAgentAccountAndPath() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("c-ip", "203.0.113.7");
        f.put("cs(User-Agent)", "python-requests/2.25.1");
        f.put("cs-username", "-");
        f.put("cs-uri-stem", "/ecp/y.js");
        List<Indicator> in = Indicators.from(new MapEvent(null, IisW3cLog.ID, LogSource.webserver(), f, "", Provenance.line("x", 1), null));
        assertEquals(List.of(new Indicator("ip", "203.0.113.7"), new Indicator("user-agent", "python-requests/2.25.1"),
                new Indicator("path", "/ecp/y.js")), in);
    }

    @Test
    void sysmonGivesProcessAccountAndHashes() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Image", "C:\\x\\evil.exe");
        f.put("User", "CORP\\bob");
        f.put("Hashes", "MD5=209A3B1901B83AEB8527ED211CCE9E4C,SHA256=1A431F6409F8E0531F600F8F988ECECECB902DA26BBAAF1DE74A5CAC29A7CB44");
        List<Indicator> in = Indicators.from(new MapEvent(null, EvtxLog.ID, LogSource.NONE, f, null, Provenance.record("x", 1), null));
        assertTrue(in.contains(new Indicator("process", "C:\\x\\evil.exe")));
        assertTrue(in.contains(new Indicator("account", "CORP\\bob")));
        assertTrue(in.contains(new Indicator("md5", "209a3b1901b83aeb8527ed211cce9e4c")));
        assertTrue(in.contains(new Indicator("sha256", "1a431f6409f8e0531f600f8f988ecececb902da26bbaaf1de74a5cac29a7cb44")));
    }

    @Test
    void ecpLineGivesAddressUserAgentAndAccount() {
        List<Indicator> in = Indicators.from(event(EcpLog.ID, "TIME", "1023", "USR", "CONTOSO\\administrator",
                "IP", "203.0.113.7", "UA", "python-requests/2.25.1", "CMD", "Set-OabVirtualDirectory"));
        assertEquals(List.of(new Indicator("ip", "203.0.113.7"), new Indicator("user-agent", "python-requests/2.25.1"),
                new Indicator("account", "CONTOSO\\administrator")), in);
    }

    @Test
    void accessLogAnswersUnderTheWebServerNamesItDerives() throws Exception {
        Collected c = Collected.read(new AccessLog(), "access.log", "198.51.100.23 - bob [08/Mar/2021:14:02:11 +0000] "
                + "\"POST /aspnet_client/system_web/log.aspx?x=1 HTTP/1.1\" 403 153 \"-\" \"Mozilla/4.0 (compatible)\"\n");
        assertEquals(List.of(new Indicator("ip", "198.51.100.23"), new Indicator("user-agent", "Mozilla/4.0 (compatible)"),
                new Indicator("account", "bob"), new Indicator("path", "/aspnet_client/system_web/log.aspx")),
                Indicators.from(c.event(0)), "the path only answers when asked by its webserver name, cs-uri-stem");
    }

    @Test
    void containedAndDifferentlyCasedNamesAreRead() {
        List<Indicator> in = Indicators.from(event(JsonLog.ID, "winlog.event_data.Image", "C:\\x\\evil.exe",
                "winlog.event_data.User", "CORP\\bob", "clientip", "203.0.113.7", "SHA256", "AB".repeat(32)));
        assertEquals(List.of(new Indicator("ip", "203.0.113.7"), new Indicator("account", "CORP\\bob"),
                new Indicator("process", "C:\\x\\evil.exe"), new Indicator("sha256", "ab".repeat(32))), in);
    }

    @Test
    void orderIsTypeByTypeThenTheTablesOrderWhateverTheEventsOrder() {
        List<Indicator> in = Indicators.from(event(EvtxLog.ID, "SubjectUserName", "alice", "TargetUserName", "bob",
                "X-Forwarded-For", "198.51.100.9, 10.0.0.1", "c-ip", "10.0.0.2", "DestinationIp", "151.101.0.133"));
        assertEquals(List.of(new Indicator("ip", "10.0.0.2"), new Indicator("ip", "198.51.100.9"), new Indicator("ip", "10.0.0.1"),
                new Indicator("ip", "151.101.0.133"), new Indicator("account", "bob"), new Indicator("account", "alice")), in);
    }

    @Test
    void routingHintsAndServiceIdentitiesAreNotAccounts() {
        List<Indicator> in = Indicators.from(event(HttpProxyLog.ID, "AuthenticatedUser", "",
                "AnchorMailbox", "admin@contoso.com", "UserName", "LocalSystem", "User", "NT AUTHORITY\\SYSTEM"));
        assertEquals(List.of(new Indicator("account", "NT AUTHORITY\\SYSTEM")), in,
                "an anchor mailbox is a routing hint; LocalSystem is SYSTEM as a service's account names it");
    }

    @Test
    void bareDigestsAreTypedByTheirLength() {
        List<Indicator> in = Indicators.from(event(JsonLog.ID, "md5", "0".repeat(31) + "1", "sha1", "A".repeat(40),
                "Hash", "c".repeat(64), "FileHash", "d".repeat(50),
                "Hashes", "SHA1=" + "E".repeat(40) + ",IMPHASH=" + "F".repeat(32)));
        assertEquals(List.of(new Indicator("sha1", "e".repeat(40)), new Indicator("imphash", "f".repeat(32)),
                new Indicator("sha256", "c".repeat(64)), new Indicator("md5", "0".repeat(31) + "1"),
                new Indicator("sha1", "a".repeat(40))), in, "a 50-digit value is no digest");
    }

    @Test
    void aNamedDigestIs32To128HexDigits() {
        String hashes = String.join(",", "MD5=" + "a".repeat(31), "SHA1=" + "B".repeat(32), "SHA512=" + "9".repeat(128),
                "X=" + "9".repeat(129), "Y=" + "a".repeat(39) + "g", "Z=" + "0".repeat(39) + "\u0661", "W=");
        assertEquals(List.of(new Indicator("sha1", "b".repeat(32)), new Indicator("sha512", "9".repeat(128))),
                Indicators.from(event(JsonLog.ID, "Hashes", hashes)));
    }

    @Test
    void aFieldAddedToTheTableIsReadAsItsRole() {
        Event e = event(JsonLog.ID, "attacker_ip", "203.0.113.66");
        assertEquals(List.of(), Indicators.from(e));
        assertEquals(List.of(new Indicator("ip", "203.0.113.66")),
                Indicators.with(TestRoles.withField(FieldRole.CLIENT_ADDRESS, "attacker_ip")).of(e));
        assertTrue(Indicators.with(TestRoles.withField(FieldRole.SERVER_ADDRESS, "attacker_ip")).of(e).isEmpty(),
                "a server address is no indicator");
    }

    private static Event event(FormatId format, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        return new MapEvent(null, format, LogSource.NONE, f, null, Provenance.line("x", 1), null);
    }

    @Test
    void windowBoundsAreInclusiveAndTimelessEventsStay() {
        ScanOptions o = new ScanOptions(Instant.parse("2021-03-01T00:00:00Z"), Instant.parse("2021-03-02T00:00:00Z"), Level.LOW, 1);
        assertTrue(o.inWindow(Instant.parse("2021-03-01T00:00:00Z")));
        assertTrue(o.inWindow(Instant.parse("2021-03-02T00:00:00Z")));
        assertTrue(!o.inWindow(Instant.parse("2021-03-02T00:00:01Z")));
        assertTrue(!o.inWindow(Instant.parse("2021-02-28T23:59:59Z")));
        assertTrue(o.inWindow(null));
    }
}
