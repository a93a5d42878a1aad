package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.evidence.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Events and items read before a hunt's detectors compiled reach them, in order, bounded, or stop the walk. */
class ArrivingDetectorsTest {
    /** Notes what it was given, as "item:line" and "item!" for an item's bytes, and the thread it was given on. */
    private static final class Recorder implements Detector {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public void onEvent(Event event, FindingSink sink) {
            seen.add(event.provenance().item() + ":" + event.provenance().line());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public boolean wantsItems() {
            return true;
        }

        @Override
        public void onItem(EvidenceItem item, Path content, FindingSink sink) {
            seen.add(item.path() + "!");
        }
    }

    private static Event event(String item, long line) {
        return new MapEvent(Instant.EPOCH, FormatId.of("json"), LogSource.webserver(), Map.of(), "", Provenance.line(item, line), null);
    }

    private static EvidenceItem item(String path) {
        return new EvidenceItem(path, 1, null, null, FormatId.of("json"));
    }

    private static ArrivingDetectors arriving(CompletableFuture<List<Detector>> future, ConcurrentLinkedQueue<String> problems) {
        return new ArrivingDetectors(future, f -> { }, problems, 10);
    }

    @Test
    void whatWasReadBeforeTheDetectorsArriveReachesThemFirstAndInOrder() {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ArrivingDetectors a = arriving(future, new ConcurrentLinkedQueue<>());
        Recorder r = new Recorder();
        a.event(event("a", 1));
        a.event(event("a", 2));
        a.item(item("a"), Path.of("a"));
        assertTrue(r.seen.isEmpty());
        future.complete(List.of(r));
        a.event(event("b", 1));
        assertEquals(List.of("a:1", "a:2", "a!", "b:1"), r.seen);
    }

    @Test
    void whatAThreadThatEndedStillHeldReachesTheDetectorsWhenTheWalkEnds() throws Exception {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ArrivingDetectors a = arriving(future, new ConcurrentLinkedQueue<>());
        Recorder r = new Recorder();
        Thread reader = new Thread(() -> {
            a.event(event("a", 1));
            a.event(event("a", 2));
        }, "reader");
        reader.start();
        reader.join();
        future.complete(List.of(r));
        assertEquals(1, a.arrived().length);
        assertEquals(List.of("a:1", "a:2"), r.seen);
    }

    @Test
    void aThreadHoldingItsBoundWaitsForTheDetectors() throws Exception {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ArrivingDetectors a = arriving(future, new ConcurrentLinkedQueue<>());
        Recorder r = new Recorder();
        CountDownLatch full = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            for (int i = 0; i < ArrivingDetectors.HELD; i++) a.event(event("a", i));
            full.countDown();
            a.event(event("a", ArrivingDetectors.HELD));
        }, "reader");
        reader.start();
        assertTrue(full.await(30, TimeUnit.SECONDS));
        reader.join(300);
        assertTrue(reader.isAlive(), "the thread holding its bound waits");
        assertTrue(r.seen.isEmpty());
        future.complete(List.of(r));
        reader.join(30_000);
        assertFalse(reader.isAlive());
        assertEquals(ArrivingDetectors.HELD + 1, r.seen.size());
        for (int i = 0; i <= ArrivingDetectors.HELD; i++) assertEquals("a:" + i, r.seen.get(i));
        assertTrue(r.threads.stream().allMatch("reader"::equals), "given on the thread that read them");
    }

    @Test
    void aReadingThreadHoldsAFewHundredEventsAtMostWhileTheDetectorsCompile() throws Exception {
        // held events outlive young collections, which copy them, and their decoding takes the cores the rules need
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ArrivingDetectors a = arriving(future, new ConcurrentLinkedQueue<>());
        Recorder r = new Recorder();
        AtomicInteger given = new AtomicInteger();
        int events = 256;
        Thread reader = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                given.incrementAndGet();
                a.event(event("a", i));
            }
        }, "reader");
        reader.start();
        // the reader gives all its events and ends, or waits for the detectors past its bound (no time limit)
        while (reader.isAlive() && (reader.getState() != Thread.State.WAITING || given.get() <= ArrivingDetectors.HELD)) {
            Thread.onSpinWait();
        }
        assertTrue(reader.isAlive(), "the reader waits for the detectors before it has read " + events + " events");
        assertTrue(given.get() < events, "waiting after " + given.get() + " events");
        future.complete(List.of(r));
        reader.join(30_000);
        assertFalse(reader.isAlive());
        assertEquals(events, r.seen.size());
        for (int i = 0; i < events; i++) assertEquals("a:" + i, r.seen.get(i));
    }

    @Test
    void detectorsThatFailToCompileStopTheWalk() {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ArrivingDetectors a = arriving(future, new ConcurrentLinkedQueue<>());
        a.event(event("a", 1));
        assertFalse(a.failed());
        future.completeExceptionally(new IllegalArgumentException("bad rule"));
        assertTrue(a.failed());
        CancellationException e = assertThrows(CancellationException.class, a::arrived);
        assertTrue(e.getMessage().contains("bad rule"), e.getMessage());
        assertThrows(CancellationException.class, a::wantItems);
    }

    @Test
    void aDetectorFailingOnAHeldEventIsReportedOnThatEventAndTheOthersGoOn() {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ArrivingDetectors a = arriving(future, problems);
        Recorder r = new Recorder();
        Detector failing = new Detector() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public void onEvent(Event event, FindingSink sink) {
                if (event.provenance().line() == 1) throw new IllegalStateException("boom");
            }
        };
        a.event(event("a", 1));
        a.event(event("a", 2));
        future.complete(List.of(failing, r));
        a.arrived();
        assertEquals(List.of("a:1", "a:2"), r.seen);
        assertEquals(1, problems.size());
        assertTrue(problems.peek().startsWith("detector failing failed on " + Provenance.line("a", 1)), problems.peek());
    }

    /** Each item's events, in the order the detector saw them. */
    private static Map<String, List<String>> byItem(Recorder r) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String s : r.seen) {
            int colon = s.lastIndexOf(':');
            String key = colon > 0 && !s.endsWith("!") ? s.substring(0, colon) : s;
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        return m;
    }

    @Test
    void aHuntWhoseDetectorsArriveLateGivesTheOutcomeOfOneThatHadThemFromTheStart() throws Exception {
        List<Path> evidence = List.of(Corpora.repoRoot().resolve("examples"));
        ScanOptions options = new ScanOptions(null, null, Level.INFORMATIONAL, 2);
        Recorder early = new Recorder();
        HuntResult before = new HuntEngine(List.of(early), options, CatalogLimits.DEFAULT).run(evidence);

        Recorder late = new Recorder();
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        HuntEngine engine = HuntEngine.awaiting(future, options, CatalogLimits.DEFAULT, Progress.NONE);
        CompletableFuture<HuntResult> hunting = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.run(evidence);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        future.complete(List.of(late));
        HuntResult after = hunting.get(120, TimeUnit.SECONDS);

        assertTrue(before.events() > 0);
        assertEquals(before.events(), after.events());
        assertEquals(before.inventory(), after.inventory());
        assertEquals(before.problems(), after.problems());
        assertEquals(byItem(early), byItem(late), "every item's events and bytes, each item's in its order");
    }

    @Test
    void aHuntWhoseDetectorsFailToCompileThrows() {
        CompletableFuture<List<Detector>> future = new CompletableFuture<>();
        future.completeExceptionally(new IllegalArgumentException("bad rule"));
        HuntEngine engine = HuntEngine.awaiting(future, new ScanOptions(null, null, Level.INFORMATIONAL, 2),
                CatalogLimits.DEFAULT, Progress.NONE);
        IOException e = assertThrows(IOException.class, () -> engine.run(List.of(Corpora.repoRoot().resolve("examples"))));
        assertTrue(e.getMessage().contains("bad rule"), e.getMessage());
    }
}
