package dwell.ioc;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.evidence.EvidenceItem;
import dwell.hunt.Detector;
import dwell.hunt.DetectorReport;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.Indicator;
import dwell.hunt.Indicators;
import dwell.hunt.Level;
import dwell.hunt.SummingDetector;
import dwell.hunt.RuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The IOC detector ({@code detector: ioc}): matches every event's fields, and every evidence item's hashes and
 * path, against the loaded feeds. One finding per indicator (rule) and event or item; its level comes from the
 * indicator's score ({@link Ioc#level()}: none - high, 90+ critical, 70+ high, 50+ medium, 25+ low, else
 * informational). Thread-safe: the index is immutable and the statistics are atomic. A share's part is its hits per
 * indicator ({@link SeenIndicators}), so the whole scan's feeds say what was seen however the evidence was shared.
 */
public final class IocDetector implements SummingDetector {
    private final IocIndex index;
    private final List<FeedStats> feeds;
    private final Conditions[] conditions;
    /** Per index entry, its indicator (feed and rule): the unit the feeds' "seen" counts. */
    private final int[] group;
    private final FeedStats[] groupFeed;
    /** Hits per indicator. */
    private final AtomicLongArray hits;
    /** False for a share's or a sum's copy, whose feeds' statistics are the compiled detector's and not its own. */
    private final boolean reports;

    public IocDetector(IocSet set, FieldPlacement placement) {
        this.index = new IocIndex(set.iocs(), placement);
        this.feeds = set.feeds();
        Map<String, FeedStats> byFeed = new HashMap<>();
        for (FeedStats f : feeds) byFeed.put(f.feed(), f);
        conditions = new Conditions[index.size()];
        group = new int[index.size()];
        Map<String, Integer> groups = new HashMap<>();
        List<FeedStats> gf = new ArrayList<>();
        Map<List<Ioc.Check>, Conditions> compiled = new IdentityHashMap<>();
        for (int i = 0; i < index.size(); i++) {
            Ioc ioc = index.ioc(i);
            if (!ioc.requires().isEmpty()) {
                conditions[i] = compiled.computeIfAbsent(ioc.requires(), c -> new Conditions(c, placement));
            }
            String key = ioc.source().feed() + '\0' + ioc.source().ruleId();
            Integer g = groups.get(key);
            if (g == null) {
                g = gf.size();
                groups.put(key, g);
                gf.add(byFeed.get(ioc.source().feed()));
            }
            group[i] = g;
        }
        groupFeed = gf.toArray(new FeedStats[0]);
        hits = new AtomicLongArray(groupFeed.length);
        reports = true;
    }

    /** The same compiled feeds with counts of their own: several shares' hunts in one process each count apart. */
    private IocDetector(IocDetector compiled) {
        this.index = compiled.index;
        this.feeds = compiled.feeds;
        this.conditions = compiled.conditions;
        this.group = compiled.group;
        this.groupFeed = compiled.groupFeed;
        this.hits = new AtomicLongArray(groupFeed.length);
        this.reports = false;
    }

    /**
     * This detector for one share's hunt, when compiled once for several (an executor's): its part is then that share's
     * hits alone; the feeds' statistics, which it shares with this one, it leaves alone.
     */
    public IocDetector forShare() {
        return new IocDetector(this);
    }

    @Override
    public IocDetector blank() {
        return forShare();
    }

    /** Loads feeds (files and directories) with the built-in field placement. */
    public static IocDetector load(List<Path> feeds) throws IOException {
        return new IocDetector(IocFeeds.load(feeds), FieldPlacement.builtin());
    }

    public static IocDetector load(List<Path> feeds, FieldPlacement placement) throws IOException {
        return new IocDetector(IocFeeds.load(feeds), placement);
    }

    @Override
    public String id() {
        return "ioc";
    }

    /** Per-feed statistics: loaded, rejected with reasons, skipped, and (as the scan goes) seen. */
    public List<FeedStats> feeds() {
        return feeds;
    }

    public int size() {
        return index.size();
    }

    /** The indicators an event matches, conditions checked; for tests and tools. */
    public List<Hit> match(Event e) {
        List<Hit> anchors = new EventMatcher(index).match(e);
        if (anchors.isEmpty()) return anchors;
        List<Hit> out = new ArrayList<>(anchors.size());
        for (Hit h : anchors) {
            int id = h.entry();
            if (conditions[id] == null || conditions[id].hold(h.ioc().requires(), e)) out.add(h);
        }
        return out;
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        List<Hit> hits = match(event);
        if (hits.isEmpty()) return;
        Provenance p = event.provenance();
        EvidenceRef ref = new EvidenceRef(p.item(), null, event.format() == null ? null : event.format().id(), p.line(), p.record());
        emit(hits, event.time(), event.host(), ref, event.fields(), Indicators.from(event), sink);
    }

    @Override
    public boolean itemLocal() {
        return true;
    }

    @Override
    public boolean wantsItems() {
        return index.matchesItems();
    }

    @Override
    public void onItem(EvidenceItem item, Path content, FindingSink sink) {
        Map<HashKind, String> digests = new EnumMap<>(HashKind.class);
        List<HashKind> compute = new ArrayList<>();
        for (HashKind k : HashKind.values()) {
            if (!index.needsFileHash(k)) continue;
            if (k == HashKind.SHA256 && item.sha256() != null) digests.put(k, HashKind.lower(item.sha256()));
            else compute.add(k);
        }
        if (!compute.isEmpty()) {
            try {
                digests.putAll(digest(content, compute));
            } catch (IOException e) {
                // unreadable content: the catalog reports the item's read problem; names are still matched
            }
        }
        List<Hit> hits = new EventMatcher(index).matchItem(item.path(), digests);
        if (hits.isEmpty()) return;
        String sha = item.sha256() != null ? item.sha256() : digests.get(HashKind.SHA256);
        EvidenceRef ref = new EvidenceRef(item.path(), sha, item.format() == null ? null : item.format().id(), 0, 0);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("path", item.path());
        fields.put("size", Long.toString(item.size()));
        digests.forEach((k, v) -> fields.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        emit(hits, item.mtime(), null, ref, fields, List.of(), sink);
    }

    static Map<HashKind, String> digest(Path content, List<HashKind> kinds) throws IOException {
        MessageDigest[] md = new MessageDigest[kinds.size()];
        try {
            for (int i = 0; i < md.length; i++) md[i] = MessageDigest.getInstance(kinds.get(i).algorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(content)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (MessageDigest d : md) d.update(buf, 0, n);
            }
        }
        Map<HashKind, String> out = new EnumMap<>(HashKind.class);
        for (int i = 0; i < md.length; i++) out.put(kinds.get(i), HexFormat.of().formatHex(md[i].digest()));
        return out;
    }

    private void emit(List<Hit> hits, java.time.Instant time, String host, EvidenceRef ref, Map<String, String> fields,
                      List<Indicator> shown, FindingSink sink) {
        Map<String, List<Hit>> byRule = new LinkedHashMap<>();
        for (Hit h : hits) {
            byRule.computeIfAbsent(h.ioc().source().feed() + '\0' + h.ioc().source().ruleId(), k -> new ArrayList<>()).add(h);
            count(group[h.entry()], 1);
        }
        for (List<Hit> rule : byRule.values()) sink.add(finding(rule, time, host, ref, fields, shown));
    }

    private void count(int indicator, long n) {
        boolean first = hits.getAndAdd(indicator, n) == 0;
        if (!reports) return;
        groupFeed[indicator].hit(n);
        if (first) groupFeed[indicator].seenFirst();
    }

    @Override
    public Serializable part() {
        return SeenIndicators.of(hits);
    }

    /** Another share's hits, added indicator by indicator: a feed's seen and hits are then the whole scan's. */
    @Override
    public void merge(Serializable part) {
        SeenIndicators seen = (SeenIndicators) part;
        for (int i = 0; i < seen.indicators().length; i++) count(seen.indicators()[i], seen.hits()[i]);
    }

    /** The finding of one indicator's hits: the matched values lead its indicators, then what the event shows. */
    static Finding finding(List<Hit> hits, java.time.Instant time, String host, EvidenceRef ref, Map<String, String> fields,
                           List<Indicator> shown) {
        Hit first = hits.get(0);
        Ioc ioc = first.ioc();
        IocSource src = ioc.source();
        Level level = ioc.level();
        List<Indicator> indicators = new ArrayList<>();
        for (Hit h : hits) {
            if (h.ioc().level().compareTo(level) > 0) level = h.ioc().level();
            Indicator ind = new Indicator(pivotType(h.ioc().type()), h.matched());
            if (!indicators.contains(ind)) indicators.add(ind);
        }
        for (Indicator ind : shown) {
            if (!indicators.contains(ind)) indicators.add(ind);
        }
        String title = IocTitle.of(ioc);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("feed", src.feed());
        if (ioc.comment() != null) meta.put("description", ioc.comment());
        RuleRef rule = new RuleRef(src.ruleId(), title, level, List.of(), meta);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("indicator", ioc.value().text());
        details.put("type", ioc.type().id());
        details.put("feed", src.feed());
        details.put("feed_kind", src.kind().id());
        if (src.objectId() != null) {
            details.put(src.kind() == FeedKind.STIX ? "stix_id" : "object_id", src.objectId());
        } else {
            details.put("line", src.line());
        }
        details.put("field", first.field());
        details.put("matched", first.matched());
        if (ioc.score() != null) details.put("score", ioc.score());
        if (ioc.comment() != null) details.put("comment", ioc.comment());
        if (ioc.validFrom() != null) details.put("valid_from", ioc.validFrom().toString());
        if (ioc.validUntil() != null) details.put("valid_until", ioc.validUntil().toString());
        if ((ioc.validFrom() != null || ioc.validUntil() != null) && time != null) details.put("within_validity", ioc.validAt(time));
        if (hits.size() > 1) {
            List<Map<String, String>> all = new ArrayList<>();
            for (Hit h : hits) {
                Map<String, String> hit = new java.util.LinkedHashMap<>();  // ordered: output must not vary between runs
                hit.put("indicator", h.ioc().value().text());
                hit.put("type", h.ioc().type().id());
                hit.put("field", h.field());
                hit.put("matched", h.matched());
                all.add(hit);
            }
            details.put("hits", all);
        }
        return Finding.of(time, "ioc", rule, host, ref, fields, indicators, details);
    }

    /** The indicator type names findings use for pivoting (DESIGN.md): ip, domain, url, path, file-name ... */
    static String pivotType(IocType t) {
        return switch (t) {
            case IPV4, IPV6, CIDR -> "ip";
            case FILE_PATH -> "path";
            default -> t.id();
        };
    }

    /** Per feed: indicators loaded, rejected, skipped, seen and matched (summary.json's {@code iocs}). */
    @Override
    public void report(DetectorReport report) {
        report.section("iocs", FeedSummary.of(feeds));
    }
}
