package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The baseline's three levels (weekly slot, daily slot, whole series), its window and its median. */
class BaselineTest {
    private static final TrafficConfig.Baseline CONFIG = new TrafficConfig.Baseline(2, 3, 5);
    private static final long WEEK = 7 * 1440;

    private static TreeMap<Long, int[]> flat(long minutes, int perMinute) {
        TreeMap<Long, int[]> m = new TreeMap<>();
        for (long i = 0; i < minutes; i++) m.put(i, new int[] {perMinute, 0});
        return m;
    }

    @Test
    void weeklySlotIsTheMedianOfTheWeeks() {
        TreeMap<Long, int[]> m = flat(3 * WEEK, 10);
        m.get(100L)[0] = 700;
        m.get(100L + WEEK)[0] = 650;
        m.get(100L + 2 * WEEK)[0] = 10;
        // the busiest minute within 5 of minute 100 in each week: 700, 650, 10
        assertEquals(650, Baseline.of(m, CONFIG).perMinute(100 + 2 * WEEK));
    }

    @Test
    void windowFindsAJobThatStartsLate() {
        TreeMap<Long, int[]> m = flat(3 * WEEK, 10);
        m.get(120L)[0] = 700;
        m.get(123L + WEEK)[0] = 700;
        m.get(118L + 2 * WEEK)[0] = 700;
        assertEquals(700, Baseline.of(m, CONFIG).perMinute(120 + WEEK));
        assertEquals(10, Baseline.of(m, CONFIG).perMinute(140 + WEEK));
    }

    @Test
    void floodInOneWeekDoesNotRaiseItsBaseline() {
        TreeMap<Long, int[]> m = flat(3 * WEEK, 10);
        for (long i = 0; i < 45; i++) m.get(2 * WEEK + 600 + i)[0] = 1000;
        assertEquals(10, Baseline.of(m, CONFIG).perMinute(2 * WEEK + 620));
    }

    @Test
    void ofTwoWeeksTheQuieter() {
        TreeMap<Long, int[]> m = flat(2 * WEEK, 10);
        for (long i = 0; i < 45; i++) m.get(WEEK + 600 + i)[0] = 1000;
        assertEquals(10, Baseline.of(m, CONFIG).perMinute(WEEK + 620));
    }

    @Test
    void dailySlotWithFewerWeeks() {
        TreeMap<Long, int[]> m = flat(4 * 1440, 3);
        for (int d = 0; d < 4; d++) m.get(d * 1440L + 120)[0] = 500;
        assertEquals(500, Baseline.of(m, CONFIG).perMinute(1440 + 121));
    }

    @Test
    void wholeSeriesWithFewerDays() {
        TreeMap<Long, int[]> m = new TreeMap<>();
        m.put(0L, new int[] {4, 0});
        m.put(4L, new int[] {9, 0});
        // minutes 0..4: 4, 0, 0, 0, 9 -> median 0
        assertEquals(0, Baseline.of(m, CONFIG).perMinute(2));
        m.put(2L, new int[] {5, 0});
        m.put(3L, new int[] {6, 0});
        assertEquals(5, Baseline.of(m, CONFIG).perMinute(2));
        m.put(5L, new int[] {7, 0});
        // 4, 0, 5, 6, 9, 7 -> the lower of the middle two
        assertEquals(5, Baseline.of(m, CONFIG).perMinute(2));
    }
}
