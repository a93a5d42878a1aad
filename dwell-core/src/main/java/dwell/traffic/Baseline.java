package dwell.traffic;

import java.util.Arrays;
import java.util.NavigableMap;

/**
 * The expected requests in a minute of a series, knowing its weekly and daily rhythm: the median, over the weeks
 * the series covers (when at least {@code minWeeks} do), of the busiest minute within {@code windowMinutes} of the
 * same minute of the week; else the same over the days covered (at least {@code minDays}) for the same minute of
 * the day; else the median minute of the whole series. The busiest minute nearby, so that a nightly job starting a
 * few minutes late still meets itself; the median, so that a flood, in one of its slot's weeks, does not raise the
 * baseline it is judged against (the lower median: of two weeks, the one without it). Minutes without requests
 * count as zero.
 */
public final class Baseline {
    private static final long WEEK = 7 * 1440;
    private static final long DAY = 1440;
    private final NavigableMap<Long, int[]> minutes;
    private final TrafficConfig.Baseline config;
    private final long first;
    private final long last;
    private double overall = -1;

    private Baseline(NavigableMap<Long, int[]> minutes, TrafficConfig.Baseline config) {
        this.minutes = minutes;
        this.config = config;
        this.first = minutes.isEmpty() ? 0 : minutes.firstKey();
        this.last = minutes.isEmpty() ? -1 : minutes.lastKey();
    }

    /** The baseline of a series' minutes (epoch minute -> requests at index 0). */
    public static Baseline of(NavigableMap<Long, int[]> minutes, TrafficConfig.Baseline config) {
        return new Baseline(minutes, config);
    }

    /** Expected requests in this epoch minute. */
    public double perMinute(long epochMinute) {
        double[] weekly = slot(epochMinute, WEEK);
        if (weekly.length >= config.minWeeks()) return median(weekly);
        double[] daily = slot(epochMinute, DAY);
        if (daily.length >= config.minDays()) return median(daily);
        return overall();
    }

    /** For each period the series covers, the busiest minute near this minute's place in it. */
    private double[] slot(long minute, long period) {
        long k = Math.floorDiv(minute - first, period);
        long from = minute - k * period;
        int n = (int) ((last - from) / period) + 1;
        double[] out = new double[Math.max(n, 0)];
        for (int i = 0; i < out.length; i++) {
            long centre = from + i * period;
            long busiest = 0;
            for (int[] c : minutes.subMap(centre - config.windowMinutes(), true, centre + config.windowMinutes(), true).values()) {
                busiest = Math.max(busiest, c[0]);
            }
            out[i] = busiest;
        }
        return out;
    }

    private double overall() {
        if (overall < 0) {
            long span = last - first + 1;
            double[] all = new double[(int) Math.max(span, 0)];
            for (var e : minutes.entrySet()) all[(int) (e.getKey() - first)] = e.getValue()[0];
            overall = all.length == 0 ? 0 : median(all);
        }
        return overall;
    }

    /** The lower median: of two weeks, one flooded, the other's figure, not their mean. */
    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }
}
