package dwell.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.Finding;
import dwell.pivot.Incident;
import dwell.pivot.Pivot;
import dwell.pivot.PivotIndex;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An actor reads mailboxes through a service account it stole, which the backup server uses every night; a delegate
 * reads her manager's mail; users read their own; an administrator sets up forwarding and an export of his own; the
 * actor's address appears on another organisation's server. The impact holds the actor's mailboxes and acts only.
 */
class ImpactAnalysisTest {
    static final String EXCH = "EXCH01.contoso.local";
    static final String ACTOR = "203.0.113.50";
    static final String JUMP = "10.0.9.9";
    static final String SVC = "CONTOSO\\svc-backup";
    static ImpactCase c;
    static ImpactAnalysis.Outcome one;
    /** What the actor read, as planted: mailbox -> [protocols, first, last, requests, bytes]. */
    static final Map<String, Object[]> READ = new TreeMap<>();

    @BeforeAll
    static void plant() throws Exception {
        c = new ImpactCase();
        Random rnd = new Random(7);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 40; u++) users.add("user" + u);
        users.addAll(List.of("ceo", "cfo", "minister.office", "legal", "k.weber"));
        for (String u : users) {
            String ip = "10.0.1." + (10 + users.indexOf(u));
            for (int i = 0; i < 30; i++) {
                String p = List.of("Ews", "Mapi", "Owa", "Eas").get(rnd.nextInt(4));
                c.proxy(EXCH, String.format("2021-05-1%dT%02d:%02d:%02dZ", rnd.nextInt(3), 7 + rnd.nextInt(10), rnd.nextInt(60), rnd.nextInt(60)),
                        p, "CONTOSO\\" + u, "SMTP:" + u + "@contoso.local", ip, 200, 1000 + rnd.nextInt(9000));
            }
            // the nightly backup job reads every mailbox through the service account the actor will steal
            for (int night = 0; night < 3; night++) {
                c.proxy(EXCH, String.format("2021-05-1%dT02:%02d:00Z", night, users.indexOf(u) % 60), "Ews", SVC,
                        "Smtp~" + u + "@contoso.local", "10.0.3.10", 200, 500_000);
            }
        }
        // a delegate reads her manager's mail, and outlook clients download the address book
        for (int i = 0; i < 10; i++) {
            c.proxy(EXCH, String.format("2021-05-11T09:%02d:00Z", i), "Ews", "CONTOSO\\a.assistant", "Smtp~ceo@contoso.local", "10.0.1.77", 200, 4000);
            c.proxy(EXCH, String.format("2021-05-11T10:%02d:00Z", i), "Oab", "CONTOSO\\user" + i, "SMTP:user" + i + "@contoso.local", "10.0.1." + (10 + i), 200, 90_000);
        }
        // the evidence maps k.weber's SID (a logon event)
        c.windows(EXCH, "2021-05-10T07:00:00Z", Map.of("EventID", "4624", "TargetUserName", "k.weber", "TargetDomainName", "CONTOSO",
                "TargetUserSid", "S-1-5-21-1-2-3-1150", "IpAddress", "10.0.1.44"));
        // the actor: a web shell, then mailboxes through the stolen account, from its own address and a jump host
        c.finding(c.web(EXCH, "2021-05-11T01:00:00Z", ACTOR, "POST", "/aspnet_client/help.aspx", 200), "Script page in aspnet_client",
                "attack.t1505.003");
        Event jumpShell = c.web(EXCH, "2021-05-11T01:30:00Z", JUMP, "POST", "/aspnet_client/help.aspx", 200);
        jumpShell.fields().put("cs-username", SVC);
        c.finding(jumpShell, "Script page in aspnet_client", "attack.t1505.003");
        read("ceo@contoso.local", "Ews", ACTOR, "2021-05-11T01:05:0%dZ", 5, 100_000);
        read("cfo@contoso.local", "Ews", ACTOR, "2021-05-11T01:06:0%dZ", 3, 20_000);
        read("cfo@contoso.local", "Mapi", ACTOR, "2021-05-11T01:07:0%dZ", 2, 30_000);
        read("minister.office@contoso.local", "Owa", ACTOR, "2021-05-11T01:08:0%dZ", 4, 7_000);
        readAnchor("contoso\\k.weber", "Sid~S-1-5-21-1-2-3-1150", "Ews", ACTOR, "2021-05-11T01:09:0%dZ", 2, 11_000);
        read("legal@contoso.local", "Ews", JUMP, "2021-05-11T01:31:0%dZ", 3, 50_000);
        // refused, and a routing anchor: neither is a mailbox read
        c.proxy(EXCH, "2021-05-11T01:10:00Z", "Ews", SVC, "SMTP:sec.officer@contoso.local", ACTOR, 401, 300);
        c.proxy(EXCH, "2021-05-11T01:10:05Z", "Ews", SVC, "ServerInfo~EXCH01.contoso.local", ACTOR, 200, 300);
        // the actor's acts through ECP
        c.ecp(EXCH, "2021-05-11T01:20:00Z", SVC, ACTOR, "New-InboxRule.Mailbox='cfo@contoso.local'.Name='sync'.ForwardTo='drop@relay.example'");
        c.ecp(EXCH, "2021-05-11T01:21:00Z", SVC, ACTOR, "New-MailboxExportRequest.Mailbox='ceo@contoso.local'.FilePath='\\\\EXCH01\\c$\\ProgramData\\ceo.pst'");
        c.ecp(EXCH, "2021-05-11T01:22:00Z", SVC, ACTOR, "New-ManagementRoleAssignment.Role='ApplicationImpersonation'.User='svc-backup'");
        c.ecp(EXCH, "2021-05-11T01:22:30Z", SVC, ACTOR, "New-ManagementRoleAssignment.Role='View-Only Recipients'.User='svc-backup'");
        c.ecp(EXCH, "2021-05-11T01:23:00Z", SVC, ACTOR, "Add-MailboxPermission.Identity='minister.office@contoso.local'.User='svc-backup'.AccessRights='FullAccess'");
        c.ecp(EXCH, "2021-05-11T01:24:00Z", SVC, ACTOR, "Get-GlobalAddressList");
        // the address book, logged by IIS and HttpProxy alike (one download), and an archive taken from the web root
        c.web(EXCH, "2021-05-11T01:25:00Z", ACTOR, "GET", "/OAB/3f1c0a2e-0000-4000-8000-000000000001/oab.xml", 200);
        c.proxy(EXCH, "2021-05-11T01:25:00.412Z", "Oab", SVC, "", ACTOR, 200, 120_000);
        c.web(EXCH, "2021-05-11T01:40:00Z", ACTOR, "GET", "/aspnet_client/ceo.zip", 200);
        // the administrator's own forwarding and export, from his desk
        c.ecp(EXCH, "2021-05-11T11:00:00Z", "CONTOSO\\administrator", "10.0.2.5",
                "Set-Mailbox.Identity='m.garcia'.ForwardingSmtpAddress='m.garcia@partner.example'");
        c.ecp(EXCH, "2021-05-11T11:05:00Z", "CONTOSO\\administrator", "10.0.2.5",
                "New-MailboxExportRequest.Mailbox='leaver@contoso.local'.FilePath='\\\\fs01\\pst\\leaver.pst'");
        // the same address on another organisation's server is another realm
        c.proxy("EXCH09.fabrikam.example", "2021-05-11T03:00:00Z", "Ews", "FABRIKAM\\svc", "SMTP:boss@fabrikam.example", ACTOR, 200, 9_999);
        one = c.run(1);
    }

    private static void read(String mailbox, String protocol, String ip, String timeFormat, int n, long bytes) {
        readAnchor(mailbox, "Smtp~" + mailbox, protocol, ip, timeFormat, n, bytes);
    }

    @SuppressWarnings("unchecked")
    private static void readAnchor(String mailbox, String anchor, String protocol, String ip, String timeFormat, int n, long bytes) {
        Object[] r = READ.computeIfAbsent(mailbox, k -> new Object[] {new TreeSet<String>(), null, null, 0L, 0L});
        for (int i = 0; i < n; i++) {
            String t = String.format(timeFormat, i);
            c.proxy(EXCH, t, protocol, SVC, anchor, ip, 200, bytes);
            ((Set<String>) r[0]).add(protocol);
            Instant at = Instant.parse(t);
            if (r[1] == null || at.isBefore((Instant) r[1])) r[1] = at;
            if (r[2] == null || at.isAfter((Instant) r[2])) r[2] = at;
            r[3] = (Long) r[3] + 1;
            r[4] = (Long) r[4] + bytes;
        }
    }

    private static Incident actorIncident(ImpactAnalysis.Outcome o) {
        List<Incident> withShell = o.result().incidents().stream()
                .filter(i -> i.indicators().stream().anyMatch(a -> a.value().equals("/aspnet_client/help.aspx"))).toList();
        assertEquals(1, withShell.size(), o.result().incidents().toString());
        return withShell.get(0);
    }

    @Test
    void exactlyTheActorsMailboxesWithTheirProtocolsTimesAndVolumes() {
        Impact im = one.impacts().get(actorIncident(one).id());
        Map<String, Object[]> got = new TreeMap<>();
        for (Impact.MailboxRead m : im.mailboxes()) {
            got.put(m.mailbox(), new Object[] {new TreeSet<>(m.protocols()), m.first(), m.last(), m.requests(), m.bytes()});
        }
        assertEquals(READ.keySet(), got.keySet(), "the delegate's, the backup job's, the users' own, the refused and fabrikam's are not the actor's");
        READ.forEach((m, want) -> assertEquals(List.of(want), List.of(got.get(m)), m));
    }

    @Test
    void theActorsActsOnlyNotTheAdministrators() {
        Impact im = one.impacts().get(actorIncident(one).id());
        assertEquals(List.of(new Impact.Forwarding("cfo@contoso.local", "drop@relay.example", Instant.parse("2021-05-11T01:20:00Z"), "inbox-rule")),
                im.forwarding());
        assertEquals(List.of(new Impact.Export("ceo@contoso.local", "\\\\EXCH01\\c$\\ProgramData\\ceo.pst", Instant.parse("2021-05-11T01:21:00Z"))),
                im.exports());
        assertEquals(List.of(new Impact.Permission("*", "svc-backup", "ApplicationImpersonation", Instant.parse("2021-05-11T01:22:00Z")),
                new Impact.Permission("minister.office@contoso.local", "svc-backup", "FullAccess", Instant.parse("2021-05-11T01:23:00Z"))),
                im.permissions());
        assertEquals(List.of(new Impact.AddressBookRead(Instant.parse("2021-05-11T01:24:00Z"), "Get-GlobalAddressList"),
                new Impact.AddressBookRead(Instant.parse("2021-05-11T01:25:00Z"), "/OAB/3f1c0a2e-0000-4000-8000-000000000001/oab.xml")),
                im.addressBook());
        assertEquals(List.of(new Impact.Staged("\\\\EXCH01\\c$\\ProgramData\\ceo.pst", Instant.parse("2021-05-11T01:21:00Z"), "export", null),
                new Impact.Staged("/aspnet_client/ceo.zip", Instant.parse("2021-05-11T01:40:00Z"), "download", Instant.parse("2021-05-11T01:40:00Z"))),
                im.staged());
        long readBytes = 0;
        for (Object[] r : READ.values()) readBytes += (Long) r[4];
        // every answered request of the actor's: the reads, the routing-only request, the OAB download
        assertEquals(readBytes + 300 + 120_000, im.bytesToActor().values().stream().mapToLong(Long::longValue).sum(), im.bytesToActor().toString());
    }

    @Test
    void eachActIsAFindingOfTheIncidentAndTheRequestEchoesAreSummarised() {
        Incident inc = actorIncident(one);
        Map<String, Finding> byId = new TreeMap<>();
        for (Finding f : one.result().findings()) byId.put(f.id(), f);
        Map<String, Integer> acts = new TreeMap<>();
        for (String id : inc.findings()) {
            Finding f = byId.get(id);
            if (f.detector().equals("exchange")) acts.merge(String.valueOf(f.rule().meta().get("check")), 1, Integer::sum);
        }
        assertEquals(Map.of("impact-mailbox-read", READ.size(), "impact-forwarding", 1, "impact-export", 1, "impact-permission", 2,
                "impact-address-book", 1), acts);
        Set<String> storied = new TreeSet<>();
        inc.story().forEach(s -> storied.add(s.finding()));
        int echoes = 0;
        for (Finding f : one.result().findings()) {
            boolean readRow = f.evidence().path().contains("HttpProxy/") && !f.evidence().path().contains("/Oab/")
                    && f.event().getOrDefault("AnchorMailbox", "").matches("(?i)(smtp|sid)~.*") && !f.evidence().path().contains("fabrikam");
            if (f.detector().equals(Pivot.DETECTOR) && readRow && f.event().get("ClientIpAddress").equals(ACTOR)) {
                assertTrue(storied.contains(f.id()), "a request echo the story does not show is summarised: " + f);
                echoes++;
            }
        }
        Impact im = one.impacts().get(inc.id());
        assertTrue(im.summarised() > 0);
        long actorReadRows = READ.values().stream().mapToLong(r -> (Long) r[3]).sum() - 3;  // the jump host's are found by account, not by address
        // the acts' echoes too (the five ECP cmdlets that are acts, the address book in IIS and in HttpProxy), and the
        // leads of the jump host's three reads (its internal address is weak), which the impact accounts for
        assertEquals(actorReadRows + 5 + 2 + 3, im.summarised() + echoes);
        assertEquals(inc.findings().size(), new TreeSet<>(inc.findings()).size());
    }

    @Test
    void theSameWhateverTheThreads() throws Exception {
        ImpactAnalysis.Outcome four = c.run(4);
        assertEquals(one.impacts(), four.impacts());
        assertEquals(one.result().findings().stream().map(Finding::id).sorted().toList(),
                four.result().findings().stream().map(Finding::id).sorted().toList());
        assertEquals(one.result().incidents(), four.result().incidents());
    }

    /** The announcements serve an index elsewhere; working them out for the one in this process only cost time. */
    @Test
    void anIndexInThisProcessIsAnnouncedNothingAndAnswersTheSame() throws Exception {
        List<String> asked = new ArrayList<>();
        ImpactAnalysis.Outcome watched = c.run(1, index -> (PivotIndex) Proxy.newProxyInstance(PivotIndex.class.getClassLoader(),
                new Class<?>[] {PivotIndex.class}, (proxy, m, args) -> {
                    asked.add(m.getName());
                    try {
                        return m.invoke(index, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
        assertTrue(asked.contains("postings"), asked.toString());
        assertFalse(asked.contains("weighing") || asked.contains("fetching"), asked.toString());
        assertEquals(one.impacts(), watched.impacts());
        assertEquals(one.result().incidents(), watched.result().incidents());
        assertEquals(one.result().findings().stream().map(Finding::id).sorted().toList(),
                watched.result().findings().stream().map(Finding::id).sorted().toList());
    }
}
