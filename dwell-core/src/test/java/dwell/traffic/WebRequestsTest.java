package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of web-logs.yaml: which answers are failed or successful authentications, and where the account is. */
class WebRequestsTest {
    private static final WebRequests REQUESTS = new WebRequests(TrafficConfig.builtin().webLogs());
    private static final Instant T = Instant.parse("2021-03-10T22:00:00Z");

    private static WebRequest iis(String path, String query, String user, int status, int sub, long win32) {
        return REQUESTS.read(event("iis-w3c", Map.of("cs-uri-stem", path, "cs-uri-query", query, "cs-username", user,
                "c-ip", "198.51.100.7", "sc-status", Integer.toString(status), "sc-substatus", Integer.toString(sub),
                "sc-win32-status", Long.toString(win32), "s-sitename", "W3SVC1")));
    }

    private static Event event(String format, Map<String, String> fields) {
        return new Event() {
            @Override public Instant time() { return T; }
            @Override public FormatId format() { return FormatId.of(format); }
            @Override public LogSource logSource() { return null; }
            @Override public String get(String field) { return fields.get(field); }
            @Override public void forEachField(FieldVisitor v) { fields.forEach(v::field); }
            @Override public String raw() { return fields.toString(); }
            @Override public Provenance provenance() { return Provenance.line("x.log", 1); }
            @Override public String host() { return "EXCH01"; }
        };
    }

    @Test
    void wrongPasswordIsAFailure() {
        WebRequest r = iis("/EWS/Exchange.asmx", "-", "CONTOSO\\j.smith", 401, 1, 1326);
        assertEquals(Outcome.FAILURE, r.outcome());
        assertEquals("CONTOSO\\j.smith", r.account());
        assertEquals("j.smith", r.accountKey());
        assertEquals("/ews", r.vdir());
        assertEquals("iis-w3c EXCH01/W3SVC1", r.series());
    }

    @Test
    void anonymousChallengeIsNoFailure() {
        assertEquals(Outcome.NONE, iis("/EWS/Exchange.asmx", "-", "-", 401, 2, 5).outcome());
    }

    @Test
    void ntlmHandshakeStepIsNoFailure() {
        assertEquals(Outcome.NONE, iis("/EWS/Exchange.asmx", "-", "-", 401, 1, 2148074254L).outcome());
    }

    @Test
    void ntlmLogonDeniedIsAFailure() {
        assertEquals(Outcome.FAILURE, iis("/mapi/emsmdb/", "-", "-", 401, 1, 2148074252L).outcome());
    }

    @Test
    void activeSyncNamesTheAccountInItsQuery() {
        WebRequest r = iis("/Microsoft-Server-ActiveSync/default.eas", "Cmd=Sync&User=p.novak&DeviceId=A1", "-", 401, 1, 1326);
        assertEquals(Outcome.FAILURE, r.outcome());
        assertEquals("p.novak", r.account());
    }

    @Test
    void owaFormLoginFailureIsTheRedirectWithReason2() {
        assertEquals(Outcome.FAILURE, iis("/owa/auth/logon.aspx", "url=https%3a%2f%2fmail%2fowa%2f&reason=2", "-", 200, 0, 0).outcome());
        assertEquals(Outcome.NONE, iis("/owa/auth/logon.aspx", "url=https%3a%2f%2fmail%2fowa%2f&reason=0", "-", 200, 0, 0).outcome());
    }

    @Test
    void owaFormPostIsNeither() {
        assertEquals(Outcome.NONE, iis("/owa/auth.owa", "-", "CONTOSO\\j.smith", 302, 0, 0).outcome());
    }

    @Test
    void authenticatedAnswerIsASuccess() {
        assertEquals(Outcome.SUCCESS, iis("/mapi/emsmdb/", "-", "CONTOSO\\j.smith", 200, 0, 0).outcome());
        assertEquals(Outcome.NONE, iis("/owa/", "-", "-", 200, 0, 0).outcome());
        assertEquals(Outcome.NONE, iis("/mapi/emsmdb/", "-", "CONTOSO\\j.smith", 500, 0, 0).outcome());
    }

    @Test
    void httpProxyAnchorMailboxOnlyInItsSmtpForm() {
        WebRequest r = REQUESTS.read(event("exchange-httpproxy", Map.of("UrlStem", "/EWS/Exchange.asmx", "HttpStatus", "401",
                "ClientIpAddress", "198.51.100.7", "AnchorMailbox", "SMTP:k.weber@contoso.com", "AuthenticationType", "Basic")));
        assertEquals(Outcome.FAILURE, r.outcome());
        assertEquals("k.weber@contoso.com", r.account());
        assertEquals("k.weber", r.accountKey());
        assertEquals("exchange-httpproxy EXCH01/-", r.series());
        WebRequest sid = REQUESTS.read(event("exchange-httpproxy", Map.of("UrlStem", "/mapi/emsmdb/", "HttpStatus", "401",
                "ClientIpAddress", "198.51.100.7", "AnchorMailbox", "Sid~S-1-5-21-1-2-3-1104")));
        assertNull(sid.account());
    }

    @Test
    void httpProxyRefusalIsAFailureOnlyForBasic() {
        for (String scheme : new String[] {"", "NTLM", "Negotiate"}) {
            WebRequest r = REQUESTS.read(event("exchange-httpproxy", Map.of("UrlStem", "/mapi/emsmdb/", "HttpStatus", "401",
                    "ClientIpAddress", "10.0.1.7", "AnchorMailbox", "SMTP:j.smith@contoso.com", "AuthenticationType", scheme)));
            assertEquals(Outcome.NONE, r.outcome(), scheme);
        }
    }

    @Test
    void accessLogReadsTheWebserverNames() {
        WebRequest r = REQUESTS.read(event("access-combined", Map.of("cs-uri-stem", "/owa/", "sc-status", "503", "c-ip", "203.0.113.9")));
        assertEquals("203.0.113.9", r.source());
        assertEquals(true, r.serverError());
        assertEquals(Outcome.NONE, r.outcome());
    }

    @Test
    void otherFormatsAreNoWebRequests() {
        assertNull(REQUESTS.read(event("evtx", Map.of("cs-uri-stem", "/owa/"))));
    }

    @Test
    void virtualDirectoryIsTheFirstSegment() {
        assertEquals("/", WebRequests.vdir("/"));
        assertEquals("/", WebRequests.vdir("/favicon.ico"));
        assertEquals("/owa", WebRequests.vdir("/OWA/auth/logon.aspx"));
        assertEquals("/owa", WebRequests.vdir("/owa"));
    }

    @Test
    void siteIsTheItemsFolderWhenTheLogDoesNotNameIt() {
        assertEquals("W3SVC1", WebRequests.parentName("ev/inetpub/logs/LogFiles/W3SVC1/u_ex210310.log"));
        assertEquals("Eas", WebRequests.parentName("C:\\Logging\\HttpProxy\\Eas\\HttpProxy_2021030400-1.LOG"));
        assertEquals("W3SVC2", WebRequests.parentName("logs.zip!/W3SVC2/u_ex210310.log"));
        assertEquals("-", WebRequests.parentName("logs.zip!/u_ex210310.log"));
        assertEquals("W3SVC1", WebRequests.parentName("LogFiles/W3SVC1/2019.zip!/u_ex190310.log"));
        assertEquals("-", WebRequests.parentName("u_ex210310.log"));
    }

    @Test
    void queryParameterByName() {
        assertEquals("x", WebRequests.parameter("a=1&user=x&b=2", "User"));
        assertNull(WebRequests.parameter("ausER=1", "user"));
        assertNull(WebRequests.parameter("", "user"));
    }
}
