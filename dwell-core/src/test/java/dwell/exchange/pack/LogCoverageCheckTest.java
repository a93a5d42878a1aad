package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.Finding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogCoverageCheckTest {
    @Test
    void reportsEachSeriesAndWhetherItCoversTheStartOfTheExposureWindow() {
        LogCoverageCheck check = new LogCoverageCheck(PackEvents.RULES);
        PackEvents.Sink none = new PackEvents.Sink();
        String owa = "EXCH01/Logging/HttpProxy/Owa/HttpProxy_2020120101-1.LOG";
        check.onEvent(PackEvents.line(HttpProxyLog.ID, owa, 9, "2021-03-02T10:00:00Z", "x"), none);
        check.onEvent(PackEvents.line(HttpProxyLog.ID, owa, 8, "2020-12-01T00:00:01Z", "x"), none);
        check.onEvent(PackEvents.line(HttpProxyLog.ID, "EXCH01/Logging/HttpProxy/Ecp/HttpProxy_2021020101-1.LOG", 5,
                "2021-02-01T00:00:00Z", "x"), none);
        // an HttpProxy file outside its protocol folder falls back on the Protocol column
        check.onEvent(PackEvents.line(HttpProxyLog.ID, "loose/HttpProxy_2021.LOG", 5,
                "2021-02-02T00:00:00Z", "x", "Protocol", "Ews"), none);
        check.onEvent(PackEvents.line(IisW3cLog.ID, "EXCH01/inetpub/logs/LogFiles/W3SVC1/u_ex210101.log", 5,
                "2021-01-01T00:00:00Z", "x"), none);
        // W3SVC2 has an event every day from 2021-01-05 to 2021-01-07, in no particular order
        for (String day : List.of("07", "05", "06")) {
            check.onEvent(PackEvents.line(IisW3cLog.ID, "EXCH01/inetpub/logs/LogFiles/W3SVC2/u_ex2101" + day + ".log", 5,
                    "2021-01-" + day + "T10:00:00Z", "x"), none);
        }
        check.onEvent(PackEvents.line(EcpLog.ID, "EXCH01/Logging/ECP/Server/ECPServer20210303-1.LOG", 3,
                "2021-03-03T06:49:51.389Z", "x"), none);
        check.onEvent(PackEvents.line(OabGeneratorLog.ID, "EXCH01/Logging/OABGeneratorLog/OAB_1.LOG", 3,
                "2021-01-05T23:59:59Z", "x"), none);
        check.onEvent(PackEvents.line(JsonLog.ID, "events.json", 3, "2019-01-01T00:00:00Z", "x"), none);
        check.onEvent(PackEvents.line(IisW3cLog.ID, "EXCH01/inetpub/logs/LogFiles/W3SVC1/u_ex.log", 1, null, "x"), none);
        assertEquals(0, none.findings.size());

        PackEvents.Sink sink = new PackEvents.Sink();
        check.finish(sink);
        Map<String, Object> verdicts = sink.findings.stream().collect(Collectors.toMap(
                f -> (String) f.details().get("series"), f -> f.details().get("start_coverage")));
        // Owa's two events lie on both sides of the start, months apart: a gap contains it
        assertEquals(Map.of("ECP/Server", "starts-after-start", "HttpProxy/Ecp", "starts-after-start",
                "HttpProxy/Ews", "starts-after-start", "HttpProxy/Owa", "gap-at-start", "IIS/W3SVC1", "ends-before-start",
                "IIS/W3SVC2", "covers", "OABGeneratorLog", "ends-before-start"), verdicts);
        for (Finding f : sink.findings) {
            assertEquals("covers".equals(f.details().get("start_coverage")), f.details().get("covers_exposure_start"));
        }
        List<String> order = sink.findings.stream().map(f -> (String) f.details().get("series")).toList();
        assertEquals(List.of("ECP/Server", "HttpProxy/Ecp", "HttpProxy/Ews", "HttpProxy/Owa", "IIS/W3SVC1", "IIS/W3SVC2",
                "OABGeneratorLog"), order);
        Map<String, Object> w3svc2 = sink.findings.get(5).details();
        assertEquals("2021-01-05", w3svc2.get("unbroken_from"));
        assertEquals("2021-01-07", w3svc2.get("unbroken_to"));
        assertEquals(1L, w3svc2.get("days_past_start"));
        assertEquals(check.coverage().stream().map(SeriesCoverage::facts).toList(),
                sink.findings.stream().map(Finding::details).toList());
        Finding owaF = sink.findings.get(3);
        assertEquals("2020-12-01T00:00:01Z", owaF.time().toString());
        assertEquals(8, owaF.evidence().line());
        assertEquals(owa, owaF.evidence().path());
        assertEquals(2L, owaF.details().get("events"));
        assertEquals("2021-03-02T10:00:00Z", owaF.details().get("last"));
        assertEquals("informational", owaF.rule().level().id());
    }
}
