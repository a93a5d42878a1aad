package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.evtx.EvtxLog;
import dwell.format.w3c.IisW3cLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Indicators read from events, and the time window of a hunt. */
class IndicatorsTest {
    @Test
    void iisLineGivesIpUserAgentAccountAndPath() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("c-ip", "203.0.113.7");
        f.put("cs(User-Agent)", "python-requests/2.25.1");
        f.put("cs-username", "-");
        f.put("cs-uri-stem", "/ecp/y.js");
        List<Indicator> in = Indicators.from(new MapEvent(null, IisW3cLog.ID, LogSource.webserver(), f, "", Provenance.line("x", 1), null));
        assertEquals(List.of(new Indicator("ip", "203.0.113.7"), new Indicator("user-agent", "python-requests/2.25.1"),
                new Indicator("path", "/ecp/y.js")), in);
    }

    @Test
    void sysmonGivesProcessAccountAndHashes() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Image", "C:\\x\\evil.exe");
        f.put("User", "CORP\\bob");
        f.put("Hashes", "MD5=209A3B1901B83AEB8527ED211CCE9E4C,SHA256=1A431F6409F8E0531F600F8F988ECECECB902DA26BBAAF1DE74A5CAC29A7CB44");
        List<Indicator> in = Indicators.from(new MapEvent(null, EvtxLog.ID, LogSource.NONE, f, null, Provenance.record("x", 1), null));
        assertTrue(in.contains(new Indicator("process", "C:\\x\\evil.exe")));
        assertTrue(in.contains(new Indicator("account", "CORP\\bob")));
        assertTrue(in.contains(new Indicator("md5", "209a3b1901b83aeb8527ed211cce9e4c")));
        assertTrue(in.contains(new Indicator("sha256", "1a431f6409f8e0531f600f8f988ecececb902da26bbaaf1de74a5cac29a7cb44")));
    }

    @Test
    void windowBoundsAreInclusiveAndTimelessEventsStay() {
        ScanOptions o = new ScanOptions(Instant.parse("2021-03-01T00:00:00Z"), Instant.parse("2021-03-02T00:00:00Z"), Level.LOW, 1);
        assertTrue(o.inWindow(Instant.parse("2021-03-01T00:00:00Z")));
        assertTrue(o.inWindow(Instant.parse("2021-03-02T00:00:00Z")));
        assertTrue(!o.inWindow(Instant.parse("2021-03-02T00:00:01Z")));
        assertTrue(!o.inWindow(Instant.parse("2021-02-28T23:59:59Z")));
        assertTrue(o.inWindow(null));
    }
}
