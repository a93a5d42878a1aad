package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.evidence.CatalogLimits;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.testkit.TrafficLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One flood in the IIS and the HttpProxy log of one front end is one episode with both logs as its evidence. */
class FloodTwinsTest {
    @TempDir
    Path dir;

    @Test
    void aFloodInBothLogsOfTheFrontEndIsOneFindingNamingBoth() throws Exception {
        TrafficLogs.Expected expected = TrafficLogs.writeFrontEnd(dir);
        ScanOptions options = new ScanOptions(null, null, Level.INFORMATIONAL, 2);
        TrafficDetector d = TrafficDetector.builtin(CatalogLimits.DEFAULT, options);
        List<Finding> findings = new HuntEngine(List.of(d), options, CatalogLimits.DEFAULT).run(List.of(dir)).findings();
        List<Finding> floods = findings.stream().filter(f -> f.rule().id().equals("traffic.flood")).toList();
        assertEquals(1, floods.size(), floods.toString());
        Map<String, Object> flood = floods.get(0).details();
        List<?> also = (List<?>) flood.get("also_in");
        assertEquals(1, also.size(), flood.toString());
        Map<?, ?> twin = (Map<?, ?>) also.get(0);
        // the two logs, each with the planted flood's own figures
        assertEquals(List.of("exchange-httpproxy " + TrafficLogs.PROXY_HOST + "/Owa", "iis-w3c -/W3SVC1"),
                List.of(flood.get("series"), twin.get("series")).stream().map(Object::toString).sorted().toList());
        for (Map<?, ?> log : List.of(flood, twin)) {
            assertEquals(expected.floodStart(), log.get("start"));
            assertEquals(expected.floodEnd(), log.get("end"));
            assertEquals(expected.floodRequests(), log.get("requests"));
            assertEquals(expected.floodPeak(), log.get("peak_per_minute"));
            assertEquals((int) expected.floodSources(), log.get("sources"));
        }
        assertTrue(twin.get("path").toString().endsWith(floods.get(0).evidence().format().equals("iis-w3c")
                ? "HttpProxy_2021031700-1.LOG" : "u_ex210317.log"), twin.toString());
        // the other episodes are the IIS log's alone (the proxy's days hold none) and each is still found once
        assertEquals(List.of("traffic.password-spray", "traffic.spray-success", "traffic.brute-force", "traffic.flood"),
                findings.stream().map(f -> f.rule().id()).toList());
    }

    private static FloodEpisode flood(String series, long startMinute, long endMinute) {
        int space = series.indexOf(' ');
        return new FloodEpisode(series, series.substring(0, space), series.substring(space + 1), startMinute, endMinute,
                (int) (endMinute - startMinute + 1), 1000, 100, 5, 0);
    }

    private static EpisodeRecall.Found found(long minute, String... sources) {
        EpisodeRecall.Found f = new EpisodeRecall.Found();
        f.first = new Sighting(Instant.ofEpochSecond(minute * 60), "x.log", minute, 0, "iis-w3c", null, Map.of());
        for (String s : sources) f.sources.add(s);
        return f;
    }

    private static int findings(FloodEpisode a, EpisodeRecall.Found fa, FloodEpisode b, EpisodeRecall.Found fb) {
        Map<Episode, EpisodeRecall.Found> m = new LinkedHashMap<>();
        m.put(a, fa);
        m.put(b, fb);
        return new FloodTwins(20).of(m).size();
    }

    @Test
    void twinsNeedOtherLogsOfOneHostAtOneTimeFromOneCrowd() {
        String[] crowd = {"45.1.7.11", "45.2.8.12", "45.3.9.13", "45.4.7.14"};
        FloodEpisode iis = flood("iis-w3c -/W3SVC1", 100, 144);
        assertEquals(1, findings(iis, found(100, crowd), flood("exchange-httpproxy exch01.contoso.local/Owa", 100, 144), found(100, crowd)));
        // another front end, named in both logs
        assertEquals(2, findings(flood("iis-w3c exch02/W3SVC1", 100, 144), found(100, crowd),
                flood("exchange-httpproxy EXCH01.contoso.local/Owa", 100, 144), found(100, crowd)));
        // two IIS sites of one server are two series, and two floods
        assertEquals(2, findings(iis, found(100, crowd), flood("iis-w3c -/W3SVC2", 100, 144), found(100, crowd)));
        // not at the same time
        assertEquals(2, findings(iis, found(100, crowd), flood("exchange-httpproxy -/Owa", 150, 160), found(150, crowd)));
        // another crowd
        assertEquals(2, findings(iis, found(100, crowd), flood("exchange-httpproxy -/Owa", 100, 144),
                found(100, "198.51.100.1", "198.51.100.2", "198.51.100.3", crowd[0])));
    }

    @Test
    void frontEndIsTheHostsShortName() {
        assertEquals("exch01", FloodTwins.frontEnd("EXCH01.contoso.local/Owa"));
        assertEquals("exch01", FloodTwins.frontEnd("exch01/W3SVC1"));
        assertEquals("10.0.0.21", FloodTwins.frontEnd("10.0.0.21/W3SVC1"));
        assertEquals("-", FloodTwins.frontEnd("-/W3SVC1"));
    }
}
