package dwell.exchange.pack;

import dwell.event.Event;
import dwell.evidence.EvidenceItem;
import dwell.hunt.DetectorReport;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.SummingDetector;
import dwell.hunt.RuleRef;
import dwell.ioc.FeedStats;
import dwell.ioc.FieldPlacement;
import dwell.ioc.Ioc;
import dwell.ioc.IocDetector;
import dwell.ioc.IocFeeds;
import dwell.ioc.IocSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pack's IOC feeds matched by the IOC engine (detector {@code ioc}); its findings get the pack's ATT&CK and
 * CVE tags for their indicator type, which feed formats have no place for. Item-local as the engine is; its part is
 * the engine's, the feeds' hits.
 */
final class PackIocDetector implements SummingDetector {
    private final IocDetector engine;
    private final CheckRules rules;

    private PackIocDetector(IocDetector engine, CheckRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    /** Loads the feeds the pack's index lists; a rejected line is a defect the tests catch. */
    static PackIocDetector load(CheckRules rules) {
        List<Ioc> iocs = new ArrayList<>();
        List<FeedStats> stats = new ArrayList<>();
        for (String file : ExchangePack.index(ExchangePack.IOCS)) {
            try (InputStream in = ExchangePack.open(ExchangePack.IOCS, file)) {
                stats.add(IocFeeds.loadStream("builtin:exchange/" + file, file, in, iocs::add));
            } catch (IOException e) {
                throw new UncheckedIOException("built-in IOC feed " + file, e);
            }
        }
        return new PackIocDetector(new IocDetector(new IocSet(iocs, stats), FieldPlacement.builtin()), rules);
    }

    List<FeedStats> feeds() {
        return engine.feeds();
    }

    @Override
    public String id() {
        return engine.id();
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        engine.onEvent(event, tagging(sink));
    }

    @Override
    public boolean itemLocal() {
        return engine.itemLocal();
    }

    @Override
    public PackIocDetector blank() {
        return new PackIocDetector(engine.forShare(), rules);
    }

    @Override
    public Serializable part() {
        return engine.part();
    }

    @Override
    public void merge(Serializable part) {
        engine.merge(part);
    }

    @Override
    public boolean wantsItems() {
        return engine.wantsItems();
    }

    @Override
    public void onItem(EvidenceItem item, Path content, FindingSink sink) {
        engine.onItem(item, content, tagging(sink));
    }

    @Override
    public void finish(FindingSink sink) {
        engine.finish(tagging(sink));
    }

    private FindingSink tagging(FindingSink sink) {
        return f -> sink.add(tagged(f));
    }

    private Finding tagged(Finding f) {
        Object type = f.details().get("type");
        List<String> extra = type == null ? List.of() : rules.iocTags(type.toString());
        if (extra.isEmpty()) return f;
        Set<String> tags = new LinkedHashSet<>(f.rule().tags());
        tags.addAll(extra);
        RuleRef r = f.rule();
        return new Finding(f.id(), f.time(), f.detector(), new RuleRef(r.id(), r.title(), r.level(), List.copyOf(tags), r.meta()),
                f.host(), f.evidence(), f.event(), f.indicators(), f.details());
    }

    /** The pack's feeds in summary.json's {@code exchange.ioc_feeds} (loaded, rejected, seen, hits). */
    @Override
    public void report(DetectorReport report) {
        List<Object> feeds = new ArrayList<>();
        for (FeedStats f : feeds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feed", f.feed());
            m.put("loaded", f.loaded());
            m.put("rejected", f.rejectedCount());
            m.put("seen", f.seen());
            m.put("hits", f.hits());
            feeds.add(m);
        }
        report.section("exchange", Map.of("ioc_feeds", feeds));
    }
}
