package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each rule of {@link StartCoverage}: a series covers the window's start only when no gap contains it. */
class StartCoverageTest {
    static final Instant START = Instant.parse("2021-01-06T00:00:00Z");

    /** The verdict for a series with events at these instants. */
    static StartCoverage series(String... times) {
        TreeSet<Long> days = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        for (String s : times) {
            Instant t = Instant.parse(s);
            days.add(StartCoverage.epochDay(t));
            if (first == null || t.isBefore(first)) first = t;
            if (last == null || t.isAfter(last)) last = t;
        }
        return StartCoverage.of(days, first, last, START);
    }

    static Map<String, Object> facts(StartCoverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        c.addFacts(m);
        return m;
    }

    /** Every day from one date to another, at noon. */
    static String[] daily(String from, String to) {
        return LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).map(d -> d + "T12:00:00Z")
                .toArray(String[]::new);
    }

    @Test
    void unbrokenDaysAcrossTheStartCoverIt() {
        StartCoverage c = series(daily("2020-12-20", "2021-03-09"));
        assertTrue(c.covers());
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2020-12-20"), LocalDate.parse("2021-03-09"), 62), c);
        assertEquals(Map.of("unbroken_from", "2020-12-20", "unbroken_to", "2021-03-09", "days_past_start", 62L), facts(c));
        assertEquals("no gap from 2020-12-20 to 2021-03-09 (62 days past it)", c.describe());
    }

    @Test
    void theUnbrokenRunStopsAtTheNearestGapOnEitherSide() {
        String[] before = daily("2020-11-01", "2020-11-30");
        String[] around = daily("2021-01-04", "2021-01-10");
        String[] after = daily("2021-02-01", "2021-02-03");
        String[] all = new String[before.length + around.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(around, 0, all, before.length, around.length);
        System.arraycopy(after, 0, all, before.length + around.length, after.length);
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2021-01-04"), LocalDate.parse("2021-01-10"), 4), series(all));
    }

    @Test
    void aGapAroundTheStartIsNotCoverage() {
        StartCoverage c = series("2020-12-01T10:00:00Z", "2021-01-02T23:59:59Z", "2021-01-11T00:00:00Z", "2021-03-01T10:00:00Z");
        assertFalse(c.covers());
        assertEquals(new StartCoverage.GapAtStart(LocalDate.parse("2021-01-03"), LocalDate.parse("2021-01-10")), c);
        assertEquals("gap-at-start", c.id());
        assertEquals(Map.of("gap_from", "2021-01-03", "gap_to", "2021-01-10"), facts(c));
        assertEquals("no events from 2021-01-03 to 2021-01-10 (8 days)", c.describe());
    }

    @Test
    void aOneDayGapOnTheStartsDayIsAGap() {
        StartCoverage c = series("2021-01-05T23:59:59Z", "2021-01-07T00:00:00Z");
        assertEquals(new StartCoverage.GapAtStart(LocalDate.parse("2021-01-06"), LocalDate.parse("2021-01-06")), c);
    }

    @Test
    void anEmptyDayBeforeTheStartsDayDoesNotContainTheStart() {
        // the window is logged from its first day on; the quiet day before it lies outside the window
        StartCoverage c = series("2021-01-04T12:00:00Z", "2021-01-06T08:00:00Z", "2021-01-07T08:00:00Z");
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2021-01-06"), LocalDate.parse("2021-01-07"), 1), c);
    }

    @Test
    void aSeriesEndingBeforeTheStartDoesNotCoverIt() {
        StartCoverage c = series(daily("2019-03-01", "2020-12-31"));
        assertFalse(c.covers());
        assertEquals(new StartCoverage.EndsBefore(LocalDate.parse("2020-12-31"), 6), c);
        assertEquals("ends-before-start", c.id());
        assertEquals(Map.of("days_before_start", 6L), facts(c));
        assertEquals("ends 6 days before it", c.describe());
        // the last event one millisecond before the start
        assertFalse(series("2021-01-04T00:00:00Z", "2021-01-05T23:59:59.999Z").covers());
    }

    @Test
    void aSingleOldDayDoesNotCoverTheStart() {
        // HttpProxy/RpcHttp in examples/: four events on 2019-04-11
        StartCoverage c = series("2019-04-11T09:14:31.120Z", "2019-04-11T10:00:00Z", "2019-04-11T16:45:50.005Z");
        assertEquals(new StartCoverage.EndsBefore(LocalDate.parse("2019-04-11"), 636), c);
    }

    @Test
    void aSeriesStartingAfterTheStartDoesNotCoverIt() {
        StartCoverage c = series(daily("2021-03-01", "2021-03-09"));
        assertEquals(new StartCoverage.StartsAfter(LocalDate.parse("2021-03-01"), 54), c);
        assertEquals("starts 54 days after it", c.describe());
        assertEquals(Map.of("days_after_start", 54L), facts(c));
        // the first event one millisecond after the start, on the start's own day
        assertEquals(new StartCoverage.StartsAfter(LocalDate.parse("2021-01-06"), 0),
                series("2021-01-06T00:00:00.001Z", "2021-01-07T00:00:00Z"));
    }

    @Test
    void eventsExactlyAtTheStartCoverIt() {
        // logging that began the instant the window opened saw all of it
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2021-01-06"), LocalDate.parse("2021-01-08"), 2),
                series("2021-01-06T00:00:00Z", "2021-01-07T10:00:00Z", "2021-01-08T10:00:00Z"));
        // logging that stopped the instant it opened reaches no day past it
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2021-01-04"), LocalDate.parse("2021-01-06"), 0),
                series("2021-01-04T10:00:00Z", "2021-01-05T10:00:00Z", "2021-01-06T00:00:00Z"));
        // a single event at the start
        assertEquals(new StartCoverage.Covers(LocalDate.parse("2021-01-06"), LocalDate.parse("2021-01-06"), 0),
                series("2021-01-06T00:00:00Z"));
    }
}
