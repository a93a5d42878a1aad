package dwell.traffic;

import dwell.traffic.AuthEpisode.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Judges the aggregates of a traffic analysis by the thresholds: which minutes were floods, which runs sprays or brute force. */
public final class EpisodeFinder {
    private final TrafficConfig.Thresholds t;

    public EpisodeFinder(TrafficConfig.Thresholds thresholds) {
        this.t = thresholds;
    }

    /** The floods of one series, in time order. */
    public List<FloodEpisode> floods(RateSeries series, String format, String host) {
        TreeMap<Long, int[]> minutes = series.minutes();
        Baseline baseline = Baseline.of(minutes, t.baseline());
        List<FloodEpisode> out = new ArrayList<>();
        List<Long> hot = new ArrayList<>();
        for (Map.Entry<Long, int[]> m : minutes.entrySet()) {
            int n = m.getValue()[0];
            if (n >= t.flood().minPerMinute() && n >= t.flood().factor() * baseline.perMinute(m.getKey())) {
                if (!hot.isEmpty() && m.getKey() - hot.get(hot.size() - 1) > t.flood().mergeGapMinutes()) {
                    episode(series, format, host, hot, minutes, baseline, out);
                    hot.clear();
                }
                hot.add(m.getKey());
            }
        }
        episode(series, format, host, hot, minutes, baseline, out);
        return out;
    }

    private void episode(RateSeries series, String format, String host, List<Long> hot, TreeMap<Long, int[]> minutes,
                         Baseline baseline, List<FloodEpisode> out) {
        if (hot.size() < t.flood().minMinutes()) return;
        long requests = 0;
        long errors = 0;
        long peak = 0;
        double base = 0;
        for (long m : hot) {
            int[] c = minutes.get(m);
            requests += c[0];
            errors += c[1];
            peak = Math.max(peak, c[0]);
            base += baseline.perMinute(m);
        }
        out.add(new FloodEpisode(series.name(), format, host, hot.get(0), hot.get(hot.size() - 1), hot.size(),
                requests, peak, base / hot.size(), errors));
    }

    /** Runs from one network (keys {@code format network}) that are password sprays. */
    public List<AuthEpisode> sprays(Map<String, List<FailureRun>> byNetwork) {
        List<AuthEpisode> out = new ArrayList<>();
        byNetwork.forEach((key, runs) -> {
            for (FailureRun r : runs) {
                int accounts = r.accounts().size();
                if (accounts < t.spray().minAccounts()) continue;
                long onAccounts = r.accounts().values().stream().mapToLong(Long::longValue).sum();
                if ((double) onAccounts / accounts > t.spray().maxMeanAttempts()) continue;
                if (accounts / (r.minutes() / 60.0) < t.spray().minAccountsPerHour()) continue;
                out.add(new AuthEpisode(Kind.SPRAY, format(key), rest(key), r));
            }
        });
        return out;
    }

    /** Runs on one account (keys {@code format account}) that are brute force. */
    public List<AuthEpisode> bruteForces(Map<String, List<FailureRun>> byAccount) {
        List<AuthEpisode> out = new ArrayList<>();
        byAccount.forEach((key, runs) -> {
            for (FailureRun r : runs) {
                if (r.attempts() < t.bruteForce().minAttempts()) continue;
                if (r.attempts() / r.minutes() < t.bruteForce().minPerMinute()) continue;
                out.add(new AuthEpisode(Kind.BRUTE_FORCE, format(key), rest(key), r));
            }
        });
        return out;
    }

    /** The key of a run: its format, a space, then its network or account. */
    static String key(String format, String rest) {
        return format + " " + rest;
    }

    private static String format(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    private static String rest(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }
}
