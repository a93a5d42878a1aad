package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.format.Format;
import dwell.hunt.Finding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogCoverageCheckTest {
    @Test
    void reportsEachSeriesAndWhetherItReachesBackBeforeTheExposureWindow() {
        LogCoverageCheck check = new LogCoverageCheck(PackEvents.RULES);
        PackEvents.Sink none = new PackEvents.Sink();
        String owa = "EXCH01/Logging/HttpProxy/Owa/HttpProxy_2020120101-1.LOG";
        check.onEvent(PackEvents.line(Format.EXCHANGE_HTTPPROXY, owa, 9, "2021-03-02T10:00:00Z", "x"), none);
        check.onEvent(PackEvents.line(Format.EXCHANGE_HTTPPROXY, owa, 8, "2020-12-01T00:00:01Z", "x"), none);
        check.onEvent(PackEvents.line(Format.EXCHANGE_HTTPPROXY, "EXCH01/Logging/HttpProxy/Ecp/HttpProxy_2021020101-1.LOG", 5,
                "2021-02-01T00:00:00Z", "x"), none);
        // an HttpProxy file outside its protocol folder falls back on the Protocol column
        check.onEvent(PackEvents.line(Format.EXCHANGE_HTTPPROXY, "loose/HttpProxy_2021.LOG", 5,
                "2021-02-02T00:00:00Z", "x", "Protocol", "Ews"), none);
        check.onEvent(PackEvents.line(Format.IIS_W3C, "EXCH01/inetpub/logs/LogFiles/W3SVC1/u_ex210101.log", 5,
                "2021-01-01T00:00:00Z", "x"), none);
        check.onEvent(PackEvents.line(Format.EXCHANGE_ECP, "EXCH01/Logging/ECP/Server/ECPServer20210303-1.LOG", 3,
                "2021-03-03T06:49:51.389Z", "x"), none);
        check.onEvent(PackEvents.line(Format.EXCHANGE_OAB, "EXCH01/Logging/OABGeneratorLog/OAB_1.LOG", 3,
                "2021-01-05T23:59:59Z", "x"), none);
        check.onEvent(PackEvents.line(Format.JSON, "events.json", 3, "2019-01-01T00:00:00Z", "x"), none);
        check.onEvent(PackEvents.line(Format.IIS_W3C, "EXCH01/inetpub/logs/LogFiles/W3SVC1/u_ex.log", 1, null, "x"), none);
        assertEquals(0, none.findings.size());

        PackEvents.Sink sink = new PackEvents.Sink();
        check.finish(sink);
        Map<String, Object> covers = sink.findings.stream().collect(Collectors.toMap(
                f -> (String) f.details().get("series"), f -> f.details().get("covers_exposure_start")));
        assertEquals(Map.of("ECP/Server", false, "HttpProxy/Ecp", false, "HttpProxy/Ews", false, "HttpProxy/Owa", true,
                "IIS/W3SVC1", true, "OABGeneratorLog", true), covers);
        List<String> order = sink.findings.stream().map(f -> (String) f.details().get("series")).toList();
        assertEquals(List.of("ECP/Server", "HttpProxy/Ecp", "HttpProxy/Ews", "HttpProxy/Owa", "IIS/W3SVC1", "OABGeneratorLog"), order);
        Finding owaF = sink.findings.get(3);
        assertEquals("2020-12-01T00:00:01Z", owaF.time().toString());
        assertEquals(8, owaF.evidence().line());
        assertEquals(owa, owaF.evidence().path());
        assertEquals(2L, owaF.details().get("events"));
        assertEquals("2021-03-02T10:00:00Z", owaF.details().get("last"));
        assertEquals("informational", owaF.rule().level().id());
    }
}
