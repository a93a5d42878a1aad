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
import org.junit.jupiter.api.Test;

public class HttpProxyLogTest {
    public static final String FIELDS = "DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,"
            + "Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,"
            + "AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,"
            + "TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,"
            + "RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,"
            + "CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,"
            + "TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,"
            + "SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,"
            + "ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,"
            + "BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,"
            + "HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,"
            + "RoutingLatency,HttpProxyOverhead,TotalRequestTime,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,"
            + "EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus";
    static final String DIRECTIVES = "#Software: Microsoft Exchange Server\r\n#Version: 15.01.2106.002\r\n"
            + "#Log-type: HttpProxy Logs\r\n#Date: 2021-03-03T07:00:01.204Z\r\n#Fields: " + FIELDS + "\r\n";
    /** A ProxyLogon SSRF request as HttpProxy\Ecp logged it: an AnchorMailbox cookie naming a back-end URL. */
    static final String SSRF = "2021-03-03T07:32:15.123Z,3b7ac1e0-a1c4-4f5e-9c36-0d1e2f3a4b5c,15,1,2106,2,,Ecp,"
            + "mail.contoso.com,/ecp/y.js,,,false,,,ServerInfo~a]@EXCH01.contoso.com:444/autodiscover/autodiscover.xml?#,"
            + "\"python-requests/2.25.1\",203.0.113.7,EXCH01,200,200,,POST,Proxy,EXCH01.contoso.com,Version 15.1 (Build 2106.2),"
            + "AnchorMailboxHeader-ServerInfo,,,,,,1143,2306,1,,0,0,,0,,0,,0,0,,0,27,0,1,0,12,0,2,0,0,0,1,3,3,0,2,18,41,"
            + "\"?msExchEcpCanary=x&a=~1942062522\",,\"BeginRequest=2021-03-03T07:32:15.105Z;CorrelationID=<empty>;"
            + "ProxyState-Run=None;\",,,,,,";

    private static Collected read(String text) throws IOException {
        return Collected.read(new HttpProxyLog(), "HttpProxy/Ecp/HttpProxy_2021030307-1.LOG", text);
    }

    @Test
    void readsALogWhoseFirstLineIsTheHeaderRow() throws IOException {
        String older = "DateTime,RequestId,Protocol,UrlStem,AuthenticatedUser,AnchorMailbox,UserAgent,ClientIpAddress,"
                + "ServerHostName,HttpStatus,Method\n"
                + "2019-11-04T10:00:00.001Z,f00d,Owa,/owa/auth/x.aspx,CONTOSO\\svc,,\"Mozilla/5.0 (compatible, \"\"MSIE\"\")\","
                + "198.51.100.4,EXCH01,200,GET\n";
        Collected c = read(older);
        assertEquals(List.of(), c.unreadable);
        Event e = c.event(0);
        assertEquals("Mozilla/5.0 (compatible, \"MSIE\")", e.get("UserAgent"));
        assertEquals("CONTOSO\\svc", e.get("AuthenticatedUser"));
        assertEquals("GET", e.get("Method"));
        assertNull(e.get("UrlQuery"));
        assertEquals(2, e.provenance().line());
    }

    @Test
    void aHeaderRowMidFileStartsANewLayout() throws IOException {
        Collected c = read("DateTime,RequestId,Method\n2021-03-03T07:32:15Z,r1,GET\n"
                + "DateTime,Method,RequestId,UrlStem\n2021-03-03T07:32:16Z,POST,r2,/ecp/y.js\n");
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        assertEquals("r2", c.event(1).get("RequestId"));
        assertEquals("/ecp/y.js", c.event(1).get("UrlStem"));
        assertNull(c.event(0).get("UrlStem"));
    }

    @Test
    void aQuotedValueMaySpanLines() throws IOException {
        Collected c = read("DateTime,RequestId,GenericErrors,Method\n2021-03-03T07:32:15Z,r1,\"line one\nline two\",GET\n"
                + "2021-03-03T07:32:16Z,r2,,GET\n");
        assertEquals(2, c.events.size());
        assertEquals("line one\nline two", c.event(0).get("GenericErrors"));
        assertEquals(2, c.event(0).provenance().line());
        assertEquals(4, c.event(1).provenance().line());
    }

    @Test
    void badRecordsAreReportedAndReadingGoesOn() throws IOException {
        Collected c = read("2021-03-03T07:32:14Z,r0,GET\n" // before the header
                + "DateTime,RequestId,Method\n"
                + "2021-03-03T07:32:15Z,r1,GET,extra\n"
                + "yesterday,r2,GET\n"
                + "2021-03-03T07:32:16Z,r3,GET\n"
                + "2021-03-03T07:32:17Z,r4,\"never closed\n");
        assertEquals(1, c.events.size());
        assertEquals("r3", c.event(0).get("RequestId"));
        assertEquals(List.of(1L, 3L, 4L, 6L), c.unreadableLines);
        assertTrue(c.unreadable.get(0).contains("before any header"), c.unreadable.get(0));
        assertTrue(c.unreadable.get(1).contains("4 values where the header names 3"), c.unreadable.get(1));
        assertTrue(c.unreadable.get(2).contains("DateTime is not an ISO-8601 time: 'yesterday'"), c.unreadable.get(2));
        assertTrue(c.unreadable.get(3).contains("not closed"), c.unreadable.get(3));
    }
}
