package dwell.traffic;

import dwell.event.Event;
import dwell.hunt.EventRecall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The second look at the evidence: the first pass kept counts, this one reads again only the items whose time
 * span meets an episode, for what counts cannot tell: an episode's first event, a flood's sources, paths and user
 * agents, and the successes of the accounts a spray or brute force targeted.
 */
final class EpisodeRecall {
    /** What the second look found for one episode. */
    static final class Found {
        Sighting first;
        final Tally sources = new Tally();
        final Tally paths = new Tally();
        final Tally agents = new Tally();
        /** A flood's series' sources in the hour before it: ordinary clients (a monitoring probe), never its indicators. */
        final Set<String> before = new HashSet<>();

        /** The {@code n} most frequent sources of the flood that were not already there the hour before. */
        List<String> newSources(int n) {
            List<String> out = new ArrayList<>();
            for (String s : sources.topValues(n + before.size())) {
                if (!before.contains(s) && out.size() < n) out.add(s);
            }
            return out;
        }

        /** The first success per targeted account (comparable form). */
        final Map<String, Fell> fell = new HashMap<>();
    }

    /**
     * A targeted account's first success from the attacking network: the event, the account as logged, the source and
     * the series it was logged in.
     */
    record Fell(Sighting sighting, String account, String source, String series) {
    }

    private static final long LOOKBACK = 3600;
    private final WebRequests requests;
    private final Networks networks;
    private final long follow;

    EpisodeRecall(WebRequests requests, Networks networks, long followSeconds) {
        this.requests = requests;
        this.networks = networks;
        this.follow = followSeconds;
    }

    /** Reads the items that meet the episodes, events inside the window; the result is in the episodes' order. */
    Map<Episode, Found> read(List<Episode> episodes, Map<String, ItemSpan> items, EventRecall recall, Predicate<Instant> window) {
        Map<Episode, Found> found = new LinkedHashMap<>();
        for (Episode e : episodes) found.put(e, new Found());
        Set<String> wanted = new HashSet<>();
        items.forEach((item, span) -> {
            for (Episode e : episodes) {
                if (e.format().equals(span.format()) && span.first() <= reach(e) && span.last() >= from(e)) wanted.add(item);
            }
        });
        List<Matcher> matchers = new ArrayList<>();
        found.forEach((e, f) -> matchers.add(matcher(e, f)));
        recall.read(wanted, event -> {
            // the first pass saw only the scan's window: nothing outside it may become evidence now
            if (!window.test(event.time())) return;
            WebRequest r = requests.read(event);
            if (r == null) return;
            for (Matcher m : matchers) m.accept(event, r);
        });
        return found;
    }

    /** The first second an episode's evidence may lie at: a flood's sources are compared with the hour before. */
    private static long from(Episode e) {
        return e instanceof FloodEpisode ? e.start() - LOOKBACK : e.start();
    }

    /** The last second an episode's evidence may lie at: a spray's successes come after it. */
    private long reach(Episode e) {
        return e instanceof AuthEpisode ? e.end() + follow : e.end();
    }

    private interface Matcher {
        void accept(Event e, WebRequest r);
    }

    private Matcher matcher(Episode episode, Found f) {
        if (episode instanceof AuthEpisode a) return authMatcher(a, f);
        FloodEpisode fl = (FloodEpisode) episode;
        return (e, r) -> {
            long t = r.time().getEpochSecond();
            if (!r.format().equals(fl.format()) || !r.series().equals(fl.series()) || t < fl.start() - LOOKBACK || t > fl.end()) return;
            if (t < fl.start()) {
                f.before.add(r.source());
                return;
            }
            f.first = Sighting.earliest(f.first, e);
            f.sources.add(r.source());
            f.paths.add(r.path());
            f.agents.add(r.userAgent());
        };
    }

    private Matcher authMatcher(AuthEpisode a, Found f) {
        Set<String> runNetworks = new HashSet<>();
        for (String s : a.run().sources().keySet()) runNetworks.add(networks.of(s));
        boolean spray = a.kind() == AuthEpisode.Kind.SPRAY;
        return (e, r) -> {
            long t = r.time().getEpochSecond();
            if (!r.format().equals(a.format()) || t < a.start() || t > a.end() + follow) return;
            if (r.outcome() == Outcome.FAILURE && t <= a.end() && (spray ? a.key().equals(networks.of(r.source()))
                    : a.key().equals(r.accountKey()))) {
                f.first = Sighting.earliest(f.first, e);
            }
            if (r.outcome() != Outcome.SUCCESS || r.accountKey() == null) return;
            boolean targeted = spray ? a.run().accounts().containsKey(r.accountKey()) : a.key().equals(r.accountKey());
            if (targeted && runNetworks.contains(networks.of(r.source()))) {
                Fell kept = f.fell.get(r.accountKey());
                if (kept == null || kept.sighting().after(e)) f.fell.put(r.accountKey(), new Fell(Sighting.of(e), r.account(), r.source(), r.series()));
            }
        };
    }
}
