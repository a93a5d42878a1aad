package dwell.traffic;

import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Makes the findings of traffic episodes: their details (as the issue and the README name them) and indicators. */
final class TrafficFindings {
    static final String DETECTOR = "traffic";
    private final TrafficConfig.Thresholds t;

    TrafficFindings(TrafficConfig.Thresholds thresholds) {
        this.t = thresholds;
    }

    /**
     * The episode's finding, then one per account that fell to it; none when its events could not be read again. A
     * flood's {@code twins} are the same flood in the front end's other logs (their second looks in {@code all}).
     */
    List<Finding> of(Episode episode, EpisodeRecall.Found found, List<FloodEpisode> twins, Map<Episode, EpisodeRecall.Found> all) {
        if (found.first == null) return List.of();
        List<Finding> out = new ArrayList<>();
        Finding f = episode instanceof FloodEpisode fl ? flood(fl, found, twins, all) : auth((AuthEpisode) episode, found);
        out.add(f);
        new TreeMap<>(found.fell).forEach((account, fell) -> out.add(fell((AuthEpisode) episode, f, account, fell)));
        return out;
    }

    private Finding flood(FloodEpisode e, EpisodeRecall.Found found, List<FloodEpisode> twins, Map<Episode, EpisodeRecall.Found> all) {
        int top = t.report().top();
        long few = found.sources.topCount(t.flood().fewSources());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("series", e.series());
        d.put("start", iso(e.start()));
        d.put("end", iso(e.end()));
        d.put("minutes", e.endMinute() - e.startMinute() + 1);
        d.put("flood_minutes", e.floodMinutes());
        d.put("requests", e.requests());
        d.put("peak_per_minute", e.peakPerMinute());
        d.put("baseline_per_minute", round(e.baselinePerMinute()));
        d.put("sources", found.sources.distinct());
        d.put("distributed", few < t.flood().maxTopShare() * e.requests());
        d.put("top_sources", found.sources.top(top));
        d.put("top_paths", found.paths.top(top));
        d.put("top_user_agents", found.agents.top(top));
        d.put("server_errors", e.serverErrors());
        d.put("error_share", e.requests() == 0 ? 0.0 : round((double) e.serverErrors() / e.requests()));
        if (!twins.isEmpty()) d.put("also_in", twins.stream().map(t -> twin(t, all.get(t))).toList());
        return finding(e.rule(), found.first.withoutAccounts(), ips(found.newSources(t.report().indicatorSources())), d);
    }

    /** The same flood as another log of the front end recorded it: its series, figures and first event. */
    private static Map<String, Object> twin(FloodEpisode t, EpisodeRecall.Found found) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("series", t.series());
        d.put("format", t.format());
        d.put("start", iso(t.start()));
        d.put("end", iso(t.end()));
        d.put("requests", t.requests());
        d.put("peak_per_minute", t.peakPerMinute());
        d.put("sources", found.sources.distinct());
        d.put("path", found.first.item());
        d.put("line", found.first.line());
        return d;
    }

    private Finding auth(AuthEpisode e, EpisodeRecall.Found found) {
        FailureRun run = e.run();
        Tally sources = Tally.of(run.sources());
        Tally accounts = new Tally();
        run.accounts().forEach((k, n) -> accounts.add(run.accountName(k), n));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("series", List.copyOf(new TreeSet<>(run.series().keySet())));
        d.put("start", iso(run.start()));
        d.put("end", iso(run.end()));
        if (e.kind() == AuthEpisode.Kind.SPRAY) {
            d.put("network", e.key());
        } else {
            d.put("account", run.accountName(e.key()));
        }
        d.put("attempts", run.attempts());
        d.put("per_minute", round(run.attempts() / run.minutes()));
        d.put("sources", sources.distinct());
        d.put("top_sources", sources.top(t.report().top()));
        d.put("accounts", run.accounts().size());
        d.put("top_accounts", accounts.top(t.report().top()));
        d.put("endpoints", Tally.of(run.endpoints()).top(t.report().top()));
        d.put("fell", found.fell.size());
        return finding(e.rule(), found.first.withoutAccounts(), ips(sources.topValues(t.report().indicatorSources())), d);
    }

    private Finding fell(AuthEpisode e, Finding episode, String accountKey, EpisodeRecall.Fell fell) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("series", fell.series());
        d.put("account", fell.account());
        d.put("source", fell.source());
        d.put("time", fell.sighting().time().toString());
        // the episode's finding by its evidence: its id is only final once the engine has hashed the item
        d.put("episode_rule", e.rule());
        d.put("episode_path", episode.evidence().path());
        d.put("episode_line", episode.evidence().line());
        d.put("episode_start", iso(e.start()));
        d.put("episode_end", iso(e.end()));
        d.put("failed_attempts", e.run().accounts().getOrDefault(accountKey, 0L));
        List<Indicator> ind = new ArrayList<>();
        ind.add(new Indicator("account", fell.account()));
        ind.addAll(ips(List.of(fell.source())));
        // the account as the attacker used it: the pivot follows the pair, not the account's owner nor the whole address
        if (!fell.source().equals("-")) ind.add(new Indicator("account-address", fell.account() + " from " + fell.source()));
        return finding(TrafficRules.SPRAY_SUCCESS, fell.sighting(), ind, d);
    }

    private static Finding finding(String ruleId, Sighting s, List<Indicator> indicators, Map<String, Object> details) {
        RuleRef rule = TrafficRules.of(ruleId);
        return Finding.of(s.time(), DETECTOR, rule, s.host(), s.evidence(), s.fields(), indicators, details);
    }

    private static List<Indicator> ips(List<String> sources) {
        List<Indicator> out = new ArrayList<>();
        for (String s : sources) {
            if (!s.equals("-") && !s.equals(Tally.OTHER)) out.add(new Indicator("ip", s));
        }
        return out;
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
