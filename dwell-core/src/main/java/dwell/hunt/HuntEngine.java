package dwell.hunt;

import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.OutputFolder;
import dwell.evidence.CatalogLimits;
import dwell.evidence.Progress;
import dwell.evidence.EvidenceItem;
import dwell.evidence.EvidencePaths;
import dwell.evidence.ItemVisitor;
import dwell.inventory.Inventory;
import dwell.inventory.InventoryBuilder;
import dwell.inventory.ItemSummary;
import dwell.read.ItemReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs a hunt: walks the evidence with the catalog (files in parallel), reads every item into events, hands
 * each event in the time window to every detector, hands items to the detectors that want them, then lets
 * detectors finish. Findings come out sorted by time, path, line, record, detector and rule, so the same
 * evidence and rules give the same output whatever the thread count.
 */
public final class HuntEngine {
    /** Findings order: time (timeless last), evidence path, line, record, detector, rule, id. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::time, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(f -> nz(f.evidence().path()))
            .thenComparingLong(f -> f.evidence().line())
            .thenComparingLong(f -> f.evidence().record())
            .thenComparing(Finding::detector)
            .thenComparing(f -> nz(f.rule().id()))
            .thenComparing(Finding::id)
            // the same record can be read twice (live and recovered from slack space): order those by content
            .thenComparing(f -> String.valueOf(f.event()));

    private final CompletableFuture<List<Detector>> detectors;
    private final ScanOptions options;
    private final CatalogLimits limits;

    private final Progress progress;

    public HuntEngine(List<Detector> detectors, ScanOptions options, CatalogLimits limits) {
        this(detectors, options, limits, Progress.NONE);
    }

    /** An engine that tells {@code progress} how far its walk of the evidence has got. */
    public HuntEngine(List<Detector> detectors, ScanOptions options, CatalogLimits limits, Progress progress) {
        this(CompletableFuture.completedFuture(List.copyOf(detectors)), options, limits, progress);
    }

    private HuntEngine(CompletableFuture<List<Detector>> detectors, ScanOptions options, CatalogLimits limits,
                       Progress progress) {
        this.detectors = detectors;
        this.options = options;
        this.limits = limits;
        this.progress = progress;
    }

    /**
     * An engine that walks, hashes and reads the evidence before its detectors arrive through {@code detectors} (they
     * compile meanwhile, on another thread), holding a bounded number of events until then ({@link ArrivingDetectors});
     * the outcome is the one an engine built with them gives. If {@code detectors} fails, the walk stops at the files
     * under way and {@link #run} throws.
     */
    public static HuntEngine awaiting(CompletableFuture<List<Detector>> detectors, ScanOptions options,
                                      CatalogLimits limits, Progress progress) {
        return new HuntEngine(detectors, options, limits, progress);
    }

    private static final int MAX_PROBLEMS = 1000;

    public HuntResult run(List<Path> roots) throws IOException {
        return run(roots, new InventoryBuilder(), d -> true);
    }

    /**
     * Hunts one share of a larger scan: its {@link PartialDetector}s are not finished, their parts are taken in by the
     * whole scan's (see {@link MergingDetector}); the inventory's counts are left in {@code inventory}, for the same.
     */
    public HuntResult runShare(List<Path> roots, InventoryBuilder inventory) throws IOException {
        return run(roots, inventory, d -> !(d instanceof PartialDetector));
    }

    private HuntResult run(List<Path> roots, InventoryBuilder inventory, Predicate<Detector> finishing) throws IOException {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Finding> found = new ConcurrentLinkedQueue<>();
        FindingSink sink = found::add;
        AtomicLong events = new AtomicLong();
        AtomicLong inWindow = new AtomicLong();
        ArrivingDetectors arriving = new ArrivingDetectors(detectors, sink, problems, MAX_PROBLEMS);
        ItemReading reading = new ItemReading(inventory.andThen((Event e) -> {
            events.incrementAndGet();
            if (!options.inWindow(e.time())) return;
            inWindow.incrementAndGet();
            arriving.event(e);
        }));
        // known at once unless the detectors are still compiling: then every item is offered, and held if need be
        boolean items = !detectors.isDone() || detectors.isCompletedExceptionally() || arriving.wantItems();
        ItemVisitor visitor = items ? new ItemFeeder(reading, arriving) : reading;
        for (Path own : new Catalog(limits, options.threads(), progress).until(arriving::failed).walk(roots, visitor)) {
            problems.add(notRead(own));
        }
        Detector[] ds;
        try {
            ds = arriving.arrived();
        } catch (CancellationException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (Detector d : ds) {
            if (!finishing.test(d)) continue;
            try {
                d.finish(sink);
            } catch (RuntimeException ex) {
                problems.add("detector " + d.id() + " failed to finish: " + ex);
            }
        }
        Inventory inv = inventory.build();
        List<String> sortedProblems = new ArrayList<>(problems);
        sortedProblems.sort(null);
        return new HuntResult(inv, order(found, inv, options.minLevel()), events.get(), inWindow.get(), sortedProblems);
    }

    /** The problem of a folder not read because it holds dwell's own output. */
    public static String notRead(Path outputFolder) {
        return outputFolder + ": not read, it holds dwell's own output (" + OutputFolder.MARKER + ")";
    }

    /** Fills in each finding's item hash (known only once the item was read to its end), filters and sorts. */
    public static List<Finding> order(Iterable<Finding> found, Inventory inv, Level minLevel) {
        Map<String, String> sha = new HashMap<>();
        for (ItemSummary s : inv.items()) sha.put(s.item().path(), s.item().sha256());
        List<Finding> out = new ArrayList<>();
        for (Finding f : found) {
            if (f.rule().level() != null && f.rule().level().compareTo(minLevel) < 0) continue;
            EvidenceRef e = f.evidence();
            if (e.sha256() == null && e.path() != null && sha.get(e.path()) != null) {
                EvidenceRef withSha = new EvidenceRef(e.path(), sha.get(e.path()), e.format(), e.line(), e.record());
                f = Finding.of(f.time(), f.detector(), f.rule(), f.host(), withSha, f.event(), f.indicators(), f.details());
            }
            out.add(f);
        }
        out.sort(ORDER);
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Gives item detectors each item's bytes as a file once the item is hashed: the evidence file itself, or
     * for an archive member a temporary copy made while the member streams by (deleted right after).
     */
    private static final class ItemFeeder implements ItemVisitor {
        private final ItemVisitor reading;
        private final ArrivingDetectors detectors;
        private final Map<String, Path> spooled = new ConcurrentHashMap<>();

        ItemFeeder(ItemVisitor reading, ArrivingDetectors detectors) {
            this.reading = reading;
            this.detectors = detectors;
        }

        @Override
        public void visit(EvidenceItem item, InputStream content) throws IOException {
            // an item detector reads a file on this machine's disk (YARA maps it): a member or a remote file is spooled
            if (!isMember(item) && !EvidencePaths.isUri(item.path()) || !detectors.wantItems()) {
                reading.visit(item, content);
                return;
            }
            Path tmp = Files.createTempFile("dwell-item", ".bin");
            spooled.put(item.path(), tmp);
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (InputStream in = Files.newInputStream(tmp)) {
                reading.visit(item, in);
            }
        }

        @Override
        public void finished(EvidenceItem item, List<String> problems) {
            Path tmp = spooled.remove(item.path());
            try {
                // a remote archive is not read as one item: its own bytes are copied here for the item detectors
                if (tmp == null && !isMember(item) && EvidencePaths.isUri(item.path()) && detectors.wantItems()) {
                    tmp = staged(item.path());
                }
                Path content = tmp != null ? tmp : isMember(item) ? null : Path.of(item.path());
                if (content != null && Files.isRegularFile(content)) detectors.item(item, content);
            } finally {
                reading.finished(item, problems);
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        /** A local copy of a remote file, or null when it is no file or cannot be copied (its reading reports why). */
        private static Path staged(String remote) {
            Path from = EvidencePaths.of(remote);
            if (!Files.isRegularFile(from)) return null;
            Path tmp = null;
            try {
                tmp = Files.createTempFile("dwell-item", ".bin");
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                return tmp;
            } catch (IOException e) {
                if (tmp != null) tmp.toFile().delete();
                return null;
            }
        }

        private static boolean isMember(EvidenceItem item) {
            return item.path().contains("!/");
        }
    }
}
