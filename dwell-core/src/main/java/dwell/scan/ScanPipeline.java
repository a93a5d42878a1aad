package dwell.scan;

import dwell.evidence.Progress;
import dwell.exchange.exposure.ExposureDetector;
import dwell.exchange.exposure.ProvenExposure;
import dwell.exchange.pack.ExchangePack;
import dwell.hunt.Detector;
import dwell.hunt.DetectorReport;
import dwell.hunt.Diagnostic;
import dwell.hunt.EventRecall;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.MergingDetector;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.impact.ImpactAnalysis;
import dwell.impact.ImpactRules;
import dwell.impact.SidNames;
import dwell.inventory.ItemSummary;
import dwell.ioc.FieldPlacement;
import dwell.ioc.IocDetector;
import dwell.pivot.Census;
import dwell.pivot.EventIndex;
import dwell.pivot.Exclusions;
import dwell.pivot.Hosts;
import dwell.pivot.IndexFeed;
import dwell.pivot.Pivot;
import dwell.pivot.PivotConfig;
import dwell.pivot.PivotFields;
import dwell.pivot.PivotResult;
import dwell.pivot.RecallAhead;
import dwell.pivot.IndexJoin;
import dwell.pivot.JoinedIndex;
import dwell.pivot.KeptEvents;
import dwell.pivot.PivotIndex;
import dwell.pivot.store.IndexBudget;
import dwell.pivot.store.IndexLimitException;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.Placeholders;
import dwell.sigma.RuleAcceptance;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaDetector;
import dwell.traffic.TrafficDetector;
import dwell.yara.YaraCompileException;
import dwell.yara.YaraDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The scan, from a request to an outcome, in DESIGN.md's order: compile the detectors (rules, feeds, built-in
 * packs, the census and the pivot index), hunt (catalog -> readers -> events -> detectors), give every finding
 * one host identity, weigh exposure against proven exploitation, keep the levels asked for, pivot (re-hunt what
 * the findings reveal, then group them into incidents), and collect what the detectors report. Front ends (the
 * command line, a Spark job, the workbench) call this; none re-implements a stage.
 */
public final class ScanPipeline {
    private final ScanRequest request;
    private final Progress progress;
    private final ShareRunner shares;
    private final List<Detector> detectors = new ArrayList<>();
    private ExchangePack exchange;
    private Census census;
    private Hosts hosts;
    private EventIndex index;
    private KeptEvents keptEvents;
    private Exclusions exclusions;
    private SidNames sidNames;
    /** The pivot and the impact analysis, their tables loaded ({@link #preparePivot}). */
    private Pivot retroHunt;
    private ImpactAnalysis impactAnalysis;

    private ScanPipeline(ScanRequest request, Progress progress, ShareRunner shares) {
        this.request = request;
        this.progress = progress;
        this.shares = shares;
    }

    /** Runs a scan; evidence problems are reported in the outcome, unusable rules and feeds throw {@link ScanInputException}. */
    public static ScanOutcome run(ScanRequest request) throws IOException {
        return run(request, Progress.NONE);
    }

    /** Runs a scan, telling {@code progress} how far it has got. */
    public static ScanOutcome run(ScanRequest request, Progress progress) throws IOException {
        return new ScanPipeline(request, progress, null).run();
    }

    /**
     * Runs a scan whose first pass hunts shares of the evidence through {@code shares}, elsewhere: every detector with an
     * item-local ({@link Detector#itemLocal()}) or mergeable ({@link MergingDetector}) form; this process reads the
     * evidence only for the others, meanwhile, then merges the shares' parts ({@link ShareMerge}) before hosts,
     * exposure, levels and the pivot, so the outcome is the one {@link #run} gives.
     */
    public static ScanOutcome run(ScanRequest request, Progress progress, ShareRunner shares) throws IOException {
        return new ScanPipeline(request, progress, shares).run();
    }

    private ScanOutcome run() throws IOException {
        progress.stage("compiling rules");
        try {
            long t0 = System.nanoTime();
            HuntResult hunted;
            if (shares == null && request.threads() > 1) {
                hunted = compileWhileReading();
            } else {
                compile(false, null);
                t0 = System.nanoTime();
                hunted = hunt();
            }
            long firstPass = System.nanoTime() - t0;
            HuntResult kept = keepLevels(weighExposure(identifyHosts(hunted)));
            return pivot(kept, firstPass);
        } finally {
            if (index != null) index.close();
            if (keptEvents != null) keptEvents.release();
        }
    }

    /**
     * Compiles the detectors on this thread while a thread of the hunt's own walks, hashes and reads the evidence,
     * which holds the events it decodes meanwhile ({@link HuntEngine#awaiting}): the rules' compilation no longer
     * keeps the other cores idle. A rule that does not compile stops the walk at the files under way.
     */
    private HuntResult compileWhileReading() throws IOException {
        CompletableFuture<List<Detector>> compiled = new CompletableFuture<>();
        HuntEngine engine = HuntEngine.awaiting(compiled, options(request, request.threads()), request.limits(), progress);
        Background<HuntResult> hunt = Background.start("dwell-hunt", () -> engine.run(request.evidence()));
        try {
            compile(false, null);
        } catch (RuntimeException | Error e) {
            compiled.completeExceptionally(e);
            hunt.awaitEnd();
            throw e;
        }
        compiled.complete(List.copyOf(detectors));
        progress.stage("reading");
        try {
            // this thread only waits for the hunt from here: the pivot's tables load meanwhile, off the pivot stage
            preparePivot();
        } catch (RuntimeException | Error e) {
            hunt.awaitEnd();
            throw e;
        }
        return hunt.join();
    }

    /**
     * The detectors of this scan: the one place they are assembled. A share's hunt ({@code share}) assembles the same
     * list, position for position, with the pivot index's {@link IndexFeed} in place of the index; {@code itemLocal},
     * when given, stands for the item-local detectors compiled from the rule sources.
     */
    private void compile(boolean share, List<Detector> itemLocal) {
        RuleSources rules = request.rules();
        if (!rules.any()) {
            throw new ScanInputException("no-builtin", "no rule to hunt with: give --rules, --iocs or --yara, or drop --no-builtin");
        }
        LogsourceMapping mapping = mapping(rules.mappings());
        if (!rules.sigma().isEmpty()) detectors.add(sigma(rules, mapping));
        detectors.addAll(itemLocal != null ? itemLocal : itemLocalDetectors(rules));
        detectors.add(new ExposureDetector());
        exclusions = exclusions(request.pivot().exclude());
        PivotFields fields = PivotFields.builtin();
        census = new Census(fields, exclusions);
        if (request.pivot().enabled()) {
            if (share) {
                detectors.add(new IndexFeed(fields, request.pivot().budget().memory()));
            } else {
                index = new EventIndex(fields, checkedBudget(request.pivot().budget()));
                // where shares hunt, the index is theirs (this process reads only for what they cannot run)
                if (shares == null) index.keeping(keptEvents = new KeptEvents(KeptEvents.BUDGET));
                detectors.add(index);
            }
            sidNames = new SidNames(ImpactRules.builtin());
            detectors.add(sidNames);
        }
        detectors.add(census);
        if (rules.builtin()) {
            exchange = ExchangePack.create(mapping);
            detectors.addAll(exchange.detectors());
            detectors.add(TrafficDetector.builtin(request.limits(), options(request, request.threads())));
        }
    }

    /** The detectors whose findings on an item depend on it alone (IOC feeds, YARA), in the scan's order. */
    public static List<Detector> itemLocalDetectors(RuleSources rules) {
        List<Detector> local = new ArrayList<>();
        if (!rules.iocs().isEmpty()) {
            try {
                local.add(IocDetector.load(rules.iocs(), placement(rules.iocFields())));
            } catch (IOException e) {
                throw new ScanInputException("iocs", "cannot read " + e.getMessage());
            }
        }
        if (!rules.yara().isEmpty()) {
            try {
                local.add(YaraDetector.fromFiles(yaraFiles(rules.yara()), Map.of()).timeout(rules.yaraTimeout()));
            } catch (YaraCompileException e) {
                throw new ScanInputException("yara", e.getMessage());
            } catch (IOException e) {
                throw new ScanInputException("yara", "cannot read " + e.getMessage());
            }
        }
        return local;
    }

    private HuntResult hunt() throws IOException {
        // every level is kept until the exposure stage has seen all findings; the levels asked for apply after it
        progress.stage("reading");
        if (shares == null) {
            return new HuntEngine(detectors, options(request, request.threads()), request.limits(), progress).run(request.evidence());
        }
        List<Detector> here = detectors.stream().filter(d -> !shared(d)).toList();
        CompletableFuture<ShareResults> elsewhere = shareHunts();
        // what no share can hunt (detectors with neither an item-local nor a mergeable form) is read here, meanwhile
        HuntResult own = here.isEmpty() ? null
                : new HuntEngine(here, options(request, request.threads()), request.limits(), progress).run(request.evidence());
        ShareResults parts;
        try {
            parts = elsewhere.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            throw e;
        }
        return new ShareMerge(detectors, own, request.evidence()).merge(parts);
    }

    /** True for a detector the shares run: item-local, or with a part this scan's detector merges. */
    static boolean shared(Detector d) {
        return d.itemLocal() || d instanceof MergingDetector;
    }

    /**
     * The detectors a share of {@code request}'s evidence is hunted with, positions as in the whole scan's list; the
     * item-local ones are {@code itemLocal} when given.
     */
    static List<Detector> shareDetectors(ScanRequest request, List<Detector> itemLocal) {
        ScanPipeline p = new ScanPipeline(request, Progress.NONE, null);
        p.compile(true, itemLocal);
        return p.detectors;
    }

    /** The shares' hunt, started beside this process's own pass. */
    private CompletableFuture<ShareResults> shareHunts() throws IOException {
        List<List<String>> plan = ItemShares.balance(request.evidence(), shares.width());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return shares.run(plan, ShareHunt.correlated(detectors));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static ScanOptions options(ScanRequest request, int threads) {
        return new ScanOptions(request.since(), request.until(), Level.INFORMATIONAL, threads);
    }

    /** One host identity per finding, learned from what the census saw. */
    private HuntResult identifyHosts(HuntResult r) {
        hosts = Hosts.learn(census, r.inventory().items().stream().map(s -> s.item().path()).toList());
        return with(r, hosts.resolve(r.findings()));
    }

    /** An exposure the built-in pack proves exploited on its server becomes critical. */
    private HuntResult weighExposure(HuntResult r) {
        return exchange == null ? r : with(r, new ProvenExposure(exchange::produced).apply(r.findings()));
    }

    private HuntResult keepLevels(HuntResult r) {
        Level min = request.minLevel();
        return with(r, r.findings().stream().filter(f -> f.rule().level() == null || f.rule().level().compareTo(min) >= 0).toList());
    }

    /** Re-hunts what the findings reveal and groups them into incidents; a limit met costs the pivot, never the findings. */
    private ScanOutcome pivot(HuntResult r, long firstPass) {
        DetectorReport report = report();
        progress.stage("pivoting");
        if (index == null) return new ScanOutcome(r, report, PivotOutcome.off(firstPass));
        preparePivot();
        Map<String, String> sha = new HashMap<>();
        for (ItemSummary i : r.inventory().items()) sha.put(i.item().path(), i.item().sha256());
        String skipped;
        try (PivotIndex sealed = sealedIndex()) {
            EventRecall readBack = new EventRecall(request.limits());
            // without the events kept here (the index lies with the shares), the hits are read back during the rounds
            Pivot.EventLookup recall = keptEvents == null ? new RecallAhead(readBack::fields)
                    : keys -> keptEvents.fields(keys, readBack::fields);
            PivotResult pivoted = retroHunt.run(r.findings(), sealed, sha::get, census, hosts, recall, request.minLevel());
            ImpactAnalysis.Outcome impact = impactAnalysis.run(pivoted, sealed,
                    hosts, recall, sha::get, sidNames, exclusions, census.principals(), request.minLevel());
            PivotResult p = impact.result();
            List<Finding> all = new ArrayList<>(p.findings());
            all.sort(HuntEngine.ORDER);
            return new ScanOutcome(with(r, all), report, new PivotOutcome(true, firstPass, p, sealed.diskBytes(),
                    index.budget().memory(), sealed.limit(), sealed.unindexedEvents(), null, impact.impacts()));
        } catch (IndexLimitException e) {
            skipped = "its index could not be completed: " + e.getMessage();
        } catch (UncheckedIOException e) {
            skipped = e.getMessage();
        } catch (OutOfMemoryError e) {
            skipped = "the heap ran out while sealing or searching its index (give the JVM more with -Xmx, or the index less with --pivot-memory)";
        }
        return new ScanOutcome(r, report, new PivotOutcome(true, firstPass, null, 0, index.budget().memory(), null, 0, skipped, Map.of()));
    }

    /** Makes the pivot and the impact analysis (their YAML tables read) unless made already; not when the pivot is off. */
    private void preparePivot() {
        if (index == null || retroHunt != null) return;
        PivotSettings s = request.pivot();
        PivotFields fields = PivotFields.builtin();
        retroHunt = new Pivot(fields, exclusions, PivotConfig.DEFAULT.withDepth(s.depth()).withAsOf(s.asOf()));
        impactAnalysis = new ImpactAnalysis(ImpactRules.builtin(), fields);
        Pivot.loadTables();
    }

    /** The index the shares kept where they were hunted, joined round by round; else this process's own, sealed. */
    private PivotIndex sealedIndex() {
        IndexJoin kept = shares == null ? null : shares.pivotIndex();
        if (kept == null) return index.seal();
        index.close();
        return new JoinedIndex(kept);
    }

    /** What every detector reports, in the order they were assembled. */
    private DetectorReport report() {
        DetectorReport report = new DetectorReport();
        for (Detector d : detectors) d.report(report);
        return report;
    }

    private static HuntResult with(HuntResult r, List<Finding> findings) {
        return new HuntResult(r.inventory(), findings, r.events(), r.eventsInWindow(), r.problems());
    }

    private static LogsourceMapping mapping(List<Path> files) {
        try {
            return LogsourceMapping.load(files);
        } catch (IOException | RuntimeException e) {
            throw new ScanInputException("mapping", e.getMessage());
        }
    }

    /** The Sigma detector, refused when a rule file named does not load whole or a path named gives no rule. */
    private SigmaDetector sigma(RuleSources rules, LogsourceMapping mapping) {
        RuleSet set = sigmaRules(rules);
        SigmaDetector detector = new SigmaDetector(set, mapping);
        List<Diagnostic> rejected = new ArrayList<>(set.rejected());
        rejected.addAll(detector.problems());
        RuleAcceptance.refusal(rules.sigma(), set, rejected, rules.strict()).ifPresent(reason -> {
            throw new ScanInputException("rules", reason);
        });
        return detector;
    }

    private RuleSet sigmaRules(RuleSources rules) {
        try {
            return new RuleLoader(Placeholders.load(rules.placeholders())).load(rules.sigma());
        } catch (IOException e) {
            throw new ScanInputException("rules", e.getMessage());
        }
    }

    private static FieldPlacement placement(Path file) {
        if (file == null) return FieldPlacement.builtin();
        try (InputStream in = Files.newInputStream(file)) {
            return FieldPlacement.load(in);
        } catch (IOException e) {
            throw new ScanInputException("ioc-fields", file + ": " + e.getMessage());
        }
    }

    private static Exclusions exclusions(List<Path> files) {
        Exclusions x = Exclusions.builtin();
        for (Path p : files) {
            try {
                if (!Files.isReadable(p)) throw new IOException("cannot read " + p);
                x.withFile(p);
            } catch (IOException e) {
                throw new ScanInputException("pivot-exclude", e.getMessage());
            }
        }
        return x;
    }

    /** The budget, refused when its spill folder lies inside the evidence (the index never writes there). */
    private IndexBudget checkedBudget(IndexBudget b) {
        Path folder = resolved(b.spillParent());
        for (Path e : request.evidence()) {
            if (folder.startsWith(resolved(e))) {
                throw new ScanInputException("pivot-spill", b.spillParent() + " is inside the evidence " + e
                        + ": the pivot index must not spill there (name another folder with --pivot-spill, or use --no-pivot)");
            }
        }
        return b;
    }

    /** The real path of the nearest existing ancestor, with the rest appended: links and ".." resolved. */
    private static Path resolved(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** The rule files named: files as given, directories walked for *.yar and *.yara. */
    public static List<Path> yaraFiles(List<Path> given) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(f -> Files.isRegularFile(f) && f.toString().matches("(?i).*\\.yara?$")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
