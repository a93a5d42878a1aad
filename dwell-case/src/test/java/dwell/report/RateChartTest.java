package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.casefile.QueryResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each episode is marked on the charts of the series it was logged in, and only there. */
class RateChartTest {
    private static final Instant FROM = Instant.parse("2021-03-08T00:00:00Z");
    private static final Instant TO = Instant.parse("2021-03-09T00:00:00Z");

    private static List<RateChart.Mark> marks(String rule, String details) throws Exception {
        return RateChart.marks(new QueryResult(List.of("rule_id", "time", "format", "details"),
                List.of(List.of(rule, "2021-03-08T10:00:00Z", "iis-w3c", details))));
    }

    private static List<Boolean> onEachServer(RateChart.Mark m) {
        return List.of(m.on("iis-w3c", "-/W3SVC1", FROM, TO), m.on("iis-w3c", "-/W3SVC2", FROM, TO),
                m.on("exchange-httpproxy", "-/Owa", FROM, TO));
    }

    @Test
    void aSprayIsMarkedOnTheSeriesItsFailuresWereLoggedIn() throws Exception {
        RateChart.Mark spray = marks("traffic.password-spray", "{\"series\":[\"iis-w3c -/W3SVC1\"],"
                + "\"start\":\"2021-03-08T10:00:00Z\",\"end\":\"2021-03-08T10:40:00Z\"}").get(0);
        assertEquals(List.of(true, false, false), onEachServer(spray));
        RateChart.Mark both = marks("traffic.brute-force", "{\"series\":[\"iis-w3c -/W3SVC1\",\"iis-w3c -/W3SVC2\"],"
                + "\"start\":\"2021-03-08T10:00:00Z\",\"end\":\"2021-03-08T10:40:00Z\"}").get(0);
        assertEquals(List.of(true, true, false), onEachServer(both));
    }

    @Test
    void aFloodAndTheAccountThatFellAreMarkedOnTheirOwnSeries() throws Exception {
        RateChart.Mark flood = marks("traffic.flood", "{\"series\":\"iis-w3c -/W3SVC2\",\"start\":\"2021-03-08T10:00:00Z\","
                + "\"end\":\"2021-03-08T10:45:00Z\",\"also_in\":[{\"series\":\"exchange-httpproxy -/Owa\"}]}").get(0);
        assertEquals(List.of(false, true, false), onEachServer(flood), "the twin's series is of another format's chart");
        RateChart.Mark fell = marks("traffic.spray-success", "{\"series\":\"iis-w3c -/W3SVC1\"}").get(0);
        assertEquals(List.of(true, false, false), onEachServer(fell));
    }

    @Test
    void anEpisodeOfAnOlderRunWithoutSeriesIsMarkedOnEveryChartOfItsFormat() throws Exception {
        RateChart.Mark old = marks("traffic.password-spray", "{\"start\":\"2021-03-08T10:00:00Z\",\"end\":\"2021-03-08T10:40:00Z\"}")
                .get(0);
        assertEquals(List.of(true, true, false), onEachServer(old));
    }

    @Test
    void anEpisodeOutsideTheChartsSpanIsNotMarked() throws Exception {
        RateChart.Mark late = marks("traffic.password-spray", "{\"series\":[\"iis-w3c -/W3SVC1\"],"
                + "\"start\":\"2021-03-10T10:00:00Z\",\"end\":\"2021-03-10T10:40:00Z\"}").get(0);
        assertEquals(List.of(false, false, false), onEachServer(late));
    }
}
