package dwell.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One flood seen in two logs of one front end: IIS and Exchange's HttpProxy log each request the front end took, so a
 * flood in both is one episode. Two floods are one when their logs differ in format, their hosts agree (a log that
 * does not name its host agrees with any), their times overlap, and they share at least half their top sources.
 */
final class FloodTwins {
    private final int top;

    FloodTwins(int top) {
        this.top = top;
    }

    /**
     * Each flood that stands for its twins (the one seen first), with the twins it stands for, in order; a flood that
     * another stands for is not a key. Episodes whose events could not be read again are left out.
     */
    Map<FloodEpisode, List<FloodEpisode>> of(Map<Episode, EpisodeRecall.Found> found) {
        List<FloodEpisode> floods = new ArrayList<>();
        found.forEach((e, f) -> {
            if (e instanceof FloodEpisode fl && f.first != null) floods.add(fl);
        });
        floods.sort(Comparator.comparing((FloodEpisode fl) -> found.get(fl).first, Sighting.ORDER));
        Map<FloodEpisode, List<FloodEpisode>> out = new LinkedHashMap<>();
        Set<FloodEpisode> joined = new HashSet<>();
        for (FloodEpisode a : floods) {
            if (joined.contains(a)) continue;
            List<FloodEpisode> twins = new ArrayList<>();
            for (FloodEpisode b : floods) {
                if (b == a || joined.contains(b) || twins.stream().anyMatch(t -> t.format().equals(b.format()))) continue;
                if (twins(a, found.get(a), b, found.get(b))) {
                    twins.add(b);
                    joined.add(b);
                }
            }
            out.put(a, twins);
        }
        return out;
    }

    private boolean twins(FloodEpisode a, EpisodeRecall.Found fa, FloodEpisode b, EpisodeRecall.Found fb) {
        if (a.format().equals(b.format()) || a.start() > b.end() || b.start() > a.end()) return false;
        String ha = frontEnd(a.host());
        String hb = frontEnd(b.host());
        if (!ha.equals("-") && !hb.equals("-") && !ha.equals(hb)) return false;
        Set<String> sa = new HashSet<>(fa.sources.topValues(top));
        List<String> sb = fb.sources.topValues(top);
        long shared = sb.stream().filter(sa::contains).count();
        return shared > 0 && 2 * shared >= Math.min(sa.size(), sb.size());
    }

    /** The host part of a series' {@code host/site}, as its short name, lower case. */
    static String frontEnd(String hostAndSite) {
        int slash = hostAndSite.indexOf('/');
        String host = slash < 0 ? hostAndSite : hostAndSite.substring(0, slash);
        int dot = host.indexOf('.');
        // an address names its host whole; a DNS name by its first label
        if (dot > 0 && !Character.isDigit(host.charAt(0))) host = host.substring(0, dot);
        return host.toLowerCase(Locale.ROOT);
    }
}
