package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log folder an event's series is named after, as Test-ProxyLogon groups them; a field when the path names none. */
class LogSeriesTest {
    private static Event event(FormatId format, String item, Map<String, String> fields) {
        return new MapEvent(Instant.parse("2021-03-01T00:00:00Z"), format, LogSource.NONE, fields, "", Provenance.line(item, 1), null);
    }

    @Test
    void eachFormatsFolderOrField() {
        assertEquals("HttpProxy/Owa", LogSeries.of(event(HttpProxyLog.ID, "C:\\x\\Logging\\HttpProxy\\Owa\\HttpProxy_1.LOG", Map.of("Protocol", "Ews"))));
        assertEquals("HttpProxy/Ews", LogSeries.of(event(HttpProxyLog.ID, "/c/proxy.log", Map.of("Protocol", " Ews "))));
        assertEquals("HttpProxy/unknown", LogSeries.of(event(HttpProxyLog.ID, "/c/proxy2.log", Map.of())));
        assertEquals("ECP/Server", LogSeries.of(event(EcpLog.ID, "/c/Logging/ECP/Server/ECPServer_1.LOG", Map.of())));
        assertEquals("ECP/Server", LogSeries.of(event(EcpLog.ID, "/c/ecp.log", Map.of())));
        assertEquals("OABGeneratorLog", LogSeries.of(event(OabGeneratorLog.ID, "/c/oab.log", Map.of())));
        assertEquals("IIS/W3SVC2", LogSeries.of(event(IisW3cLog.ID, "/c/LogFiles/w3svc2/u_ex1.log", Map.of("s-sitename", "W3SVC1"))));
        assertEquals("IIS/W3SVC1", LogSeries.of(event(IisW3cLog.ID, "/c/logs.zip!/W3SVC1/u_ex1.log", Map.of())));
        assertNull(LogSeries.of(event(JsonLog.ID, "/c/x.json", Map.of())));
    }

    @Test
    void aFileOutsideASiteFolderIsNamedByEachLinesSite() {
        String item = "/c/iis/u_ex1.log";
        assertEquals("IIS/W3SVC1", LogSeries.of(event(IisW3cLog.ID, item, Map.of("s-sitename", "w3svc1"))));
        assertEquals("IIS/W3SVC3", LogSeries.of(event(IisW3cLog.ID, item, Map.of("s-sitename", "W3SVC3"))));
        assertEquals("IIS/W3SVC", LogSeries.of(event(IisW3cLog.ID, item, Map.of())));
    }
}
