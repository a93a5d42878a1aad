package dwell.ioc;

import dwell.hunt.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** STIX 2.1 bundles: indicators compiled, other objects skipped, unknown types and unsupported patterns reported by id. */
class StixBundleFeedTest {
    static Path resource(String name) throws Exception {
        return Path.of(StixBundleFeedTest.class.getResource("/dwell/ioc/" + name).toURI());
    }

    @Test
    void loadsIndicatorsAndReportsTheRest() throws Exception {
        IocSet set = IocFeeds.load(List.of(resource("bundle.json")));
        FeedStats st = set.feeds().get(0);
        assertEquals(FeedKind.STIX, st.kind());
        assertEquals(5, st.loaded(), "5 indicator objects (one pattern with two alternatives counts once)");
        assertEquals(6, set.iocs().size());
        Map<String, String> rejected = st.rejected().stream().collect(Collectors.toMap(Diagnostic::source, Diagnostic::reason));
        assertEquals(4, st.rejectedCount(), rejected.toString());
        assertTrue(rejected.get("indicator--44444444-4444-4444-8444-444444444444").contains("unsupported: FOLLOWEDBY"));
        assertTrue(rejected.get("indicator--55555555-5555-4555-8555-555555555555").contains("pattern_type yara"));
        assertTrue(rejected.get("indicator--66666666-6666-4666-8666-666666666666").contains("invalid IP address"));
        assertTrue(rejected.get("weird-object--99999999-9999-4999-8999-999999999999").contains("unknown STIX object type: weird-object"));
        assertEquals(Map.of("custom object type x-acme-thing", 1L, "not an indicator: identity", 1L,
                "not an indicator: relationship", 1L), st.skipped());
    }

    @Test
    void matchesWithStixIdsScoresAndValidity() throws Exception {
        IocDetector d = IocDetector.load(List.of(resource("bundle.json")));
        List<Finding> out = new ArrayList<>();
        d.onEvent(Events.iis("c-ip", "203.0.113.10", "cs-uri-stem", "/owa/auth/x.js"), out::add);
        assertEquals(1, out.size());
        Finding f = out.get(0);
        assertEquals("ioc", f.detector());
        assertEquals("indicator--11111111-1111-4111-8111-111111111111", f.rule().id());
        assertEquals(Level.CRITICAL, f.rule().level(), "confidence 95");
        assertEquals("indicator--11111111-1111-4111-8111-111111111111", f.details().get("stix_id"));
        assertEquals("c-ip", f.details().get("field"));
        assertEquals("ipv4", f.details().get("type"));
        assertEquals(true, f.details().get("within_validity"));
        assertEquals("ip", f.indicators().get(0).type());
        assertEquals("203.0.113.10", f.indicators().get(0).value());

        out.clear();
        d.onEvent(Events.iis("cs(Referer)", "http://www.c2.evil.example/page"), out::add);
        assertEquals(1, out.size(), "the OR pattern's domain branch, via a sub-domain in a URL");
        assertEquals("indicator--33333333-3333-4333-8333-333333333333", out.get(0).rule().id());
        assertEquals(Level.HIGH, out.get(0).rule().level(), "no confidence: high");
        assertEquals(true, out.get(0).details().get("within_validity"), "2021-03-03 lies in [2021-01-01, 2021-06-01)");
        out.clear();
        d.onEvent(new dwell.event.MapEvent(java.time.Instant.parse("2022-01-01T00:00:00Z"), dwell.format.w3c.IisW3cLog.ID,
                dwell.event.LogSource.NONE, Map.of("cs-host", "c2.evil.example"), "", dwell.event.Provenance.line("x.log", 1), null), out::add);
        assertEquals(false, out.get(0).details().get("within_validity"), "matched, but flagged as after valid_until");
    }

    @Test
    void andWithinAnObservationNeedsBothInTheSameEvent() throws Exception {
        IocDetector d = IocDetector.load(List.of(resource("bundle.json")));
        String sha = "8e2b1d2e6f8f1c6a7d3f1f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
        assertEquals(1, d.match(Events.of(dwell.format.evtx.EvtxLog.ID, "TargetFilename", "C:\\inetpub\\wwwroot\\help.aspx",
                "Hashes", "SHA256=" + sha.toUpperCase())).size());
        assertEquals(0, d.match(Events.of(dwell.format.evtx.EvtxLog.ID, "TargetFilename", "C:\\inetpub\\wwwroot\\other.aspx",
                "Hashes", "SHA256=" + sha)).size(), "hash without the name");
        // network-traffic: destination range and destination port, both on the destination side
        assertEquals(1, d.match(Events.of(dwell.format.evtx.EvtxLog.ID, "DestinationIp", "192.0.2.55", "DestinationPort", "8443")).size());
        assertEquals(0, d.match(Events.of(dwell.format.evtx.EvtxLog.ID, "DestinationIp", "192.0.2.55", "DestinationPort", "443")).size());
        assertEquals(0, d.match(Events.of(dwell.format.evtx.EvtxLog.ID, "SourceIp", "192.0.2.55", "DestinationPort", "8443")).size(),
                "dst_ref does not match a source address");
        assertEquals(1, d.match(Events.iis("cs(User-Agent)", "ExchangeScan/2.1")).size());
    }
}
