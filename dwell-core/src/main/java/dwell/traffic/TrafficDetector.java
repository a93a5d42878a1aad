package dwell.traffic;

import dwell.event.Event;
import dwell.evidence.CatalogLimits;
import dwell.hunt.DetectorReport;
import dwell.hunt.EventRecall;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.HuntEngine;
import dwell.hunt.SummingDetector;
import dwell.hunt.ScanOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The traffic detector (id {@code traffic}): counts every web request a minute per series, groups failed
 * authentications into runs by source network and by account, and at the end judges floods, password sprays and
 * brute force against the thresholds, reads the items those episodes cover again for their details, and reports
 * the accounts that fell. Memory grows with minutes, sources and accounts, not with requests. A share's part is its
 * counts and runs ({@link TrafficPart}); the episodes are judged, and their items read again, once all are merged.
 */
public final class TrafficDetector implements SummingDetector {
    public static final String ID = TrafficFindings.DETECTOR;

    private final TrafficConfig config;
    private final CatalogLimits limits;
    private final WebRequests requests;
    private final Networks networks;
    private final EventRecall recall;
    /** What one scan thread counted: its series and item spans, merged at the end. */
    private static final class Counts {
        final Map<String, RateSeries> series = new HashMap<>();
        final Map<String, ItemSpan> items = new HashMap<>();
    }

    private final List<Counts> perThread = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Counts> counts = ThreadLocal.withInitial(() -> {
        Counts c = new Counts();
        perThread.add(c);
        return c;
    });
    private final Map<String, RateSeries> series = new TreeMap<>();
    private final Map<String, ItemSpan> items = new HashMap<>();
    private final FailureRuns byNetwork;
    private final FailureRuns byAccount;
    private final List<Finding> findings = new ArrayList<>();
    private volatile boolean finished;

    private final ScanOptions window;

    /** A detector with these thresholds; it reads evidence again with these limits, and only inside the scan's window. */
    public TrafficDetector(TrafficConfig config, CatalogLimits limits, ScanOptions window) {
        this.config = config;
        this.limits = limits;
        this.window = window;
        this.requests = new WebRequests(config.webLogs());
        TrafficConfig.Auth auth = config.thresholds().auth();
        this.networks = new Networks(auth.networkPrefixV4(), auth.networkPrefixV6());
        this.recall = new EventRecall(limits);
        this.byNetwork = new FailureRuns(auth.mergeGapMinutes() * 60L);
        this.byAccount = new FailureRuns(auth.mergeGapMinutes() * 60L);
    }

    /** The detector with the built-in thresholds, for a scan with this time window. */
    public static TrafficDetector builtin(CatalogLimits limits, ScanOptions window) {
        return new TrafficDetector(TrafficConfig.builtin(), limits, window);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (event.format() == null || !requests.reads(event.format().id())) return;
        WebRequests.Count c = requests.count(event);
        if (c == null) return;
        long t = event.time().getEpochSecond();
        Counts mine = counts.get();
        mine.series.computeIfAbsent(c.series(), RateSeries::new).add(Math.floorDiv(t, 60), c.vdir(), c.serverError());
        mine.items.computeIfAbsent(event.provenance().item(), k -> new ItemSpan(event.format().id())).add(t);
        if (!c.mayFail()) return;
        WebRequest r = requests.read(event);
        if (r.outcome() == Outcome.FAILURE) {
            byNetwork.add(EpisodeFinder.key(r.format(), networks.of(r.source())), r);
            if (r.accountKey() != null) byAccount.add(EpisodeFinder.key(r.format(), r.accountKey()), r);
        }
    }

    /** The scan threads' counts, added up. */
    private void gather() {
        for (Counts c : perThread) add(c.series, c.items);
        perThread.clear();
    }

    private void add(Map<String, RateSeries> moreSeries, Map<String, ItemSpan> moreItems) {
        moreSeries.forEach((name, s) -> series.computeIfAbsent(name, RateSeries::new).merge(s));
        moreItems.forEach((item, s) -> items.computeIfAbsent(item, k -> new ItemSpan(s.format())).merge(s));
    }

    @Override
    public TrafficDetector blank() {
        return new TrafficDetector(config, limits, window);
    }

    @Override
    public Serializable part() {
        gather();
        return new TrafficPart(new TreeMap<>(series), new TreeMap<>(items), byNetwork.runs(), byAccount.runs());
    }

    @Override
    public void merge(Serializable part) {
        TrafficPart p = (TrafficPart) part;
        add(p.series(), p.items());
        byNetwork.absorb(p.byNetwork());
        byAccount.absorb(p.byAccount());
    }

    @Override
    public void finish(FindingSink sink) {
        gather();
        EpisodeFinder finder = new EpisodeFinder(config.thresholds());
        List<Episode> episodes = new ArrayList<>();
        series.forEach((name, s) -> {
            int space = name.indexOf(' ');
            episodes.addAll(finder.floods(s, name.substring(0, space), name.substring(space + 1)));
        });
        episodes.addAll(finder.sprays(byNetwork.runs()));
        episodes.addAll(finder.bruteForces(byAccount.runs()));
        EpisodeRecall second = new EpisodeRecall(requests, networks, config.thresholds().success().followHours() * 3600L);
        TrafficFindings made = new TrafficFindings(config.thresholds());
        Map<Episode, EpisodeRecall.Found> read = second.read(episodes, items, recall, window::inWindow);
        Map<FloodEpisode, List<FloodEpisode>> twins = new FloodTwins(config.thresholds().report().indicatorSources()).of(read);
        read.forEach((episode, found) -> {
            if (episode instanceof FloodEpisode fl && !twins.containsKey(fl)) return;
            List<FloodEpisode> also = episode instanceof FloodEpisode fl ? twins.get(fl) : List.of();
            findings.addAll(made.of(episode, found, also, read));
        });
        findings.sort(HuntEngine.ORDER);
        findings.forEach(sink::add);
        finished = true;
    }

    @Override
    public void report(DetectorReport report) {
        if (!finished) return;
        report.section("traffic", summary());
    }

    /** The rate series and the episodes, for the summary and {@code dwell traffic}. */
    public Map<String, Object> summary() {
        List<Map<String, Object>> list = new ArrayList<>();
        series.forEach((name, s) -> list.add(TrafficSummary.series(name, s, config.thresholds().report())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", list);
        m.put("episodes", TrafficSummary.episodes(findings));
        return m;
    }
}
