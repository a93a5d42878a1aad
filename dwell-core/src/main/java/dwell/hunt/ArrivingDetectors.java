package dwell.hunt;

import dwell.event.Event;
import dwell.evidence.EvidenceItem;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hunt's detectors, which may arrive after its reading began (the scan compiles its rules while the catalog walks,
 * hashes and decodes): until they arrive each reading thread holds what it read in order, at most {@link #HELD} events
 * and items, then waits. A thread gives its held events and items to the detectors, in the order it read them, before
 * anything it reads next, and the hunt gives them what threads that ended still held: every detector sees every event
 * of an item in the item's order, on one thread, as when the detectors were there from the start.
 */
final class ArrivingDetectors {
    /**
     * Events and items a reading thread holds before it waits for the detectors: few. Held events outlive young
     * collections, which copy them (EVTX events are trees of a few KB: 4,096 a thread added some 16 MB to the ~107 MB
     * the issue 20 scan's collections copied), they are matched long after they were decoded, cold, and the threads
     * decoding them took the cores the rules' compilation needed (which the hunt then waits for).
     */
    static final int HELD = 128;

    /** An event or an item (with its bytes as a file) read before the detectors arrived. */
    private sealed interface Held permits HeldEvent, HeldItem {
    }

    private record HeldEvent(Event event) implements Held {
    }

    private record HeldItem(EvidenceItem item, Path content) implements Held {
    }

    private final CompletableFuture<List<Detector>> future;
    private final FindingSink sink;
    private final Queue<String> problems;
    private final int maxProblems;
    private final Queue<ArrayDeque<Held>> backlogs = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ArrayDeque<Held>> backlog = ThreadLocal.withInitial(() -> {
        ArrayDeque<Held> b = new ArrayDeque<>();
        backlogs.add(b);
        return b;
    });
    /** Backlogs not yet given to the detectors: while none is, events go straight to them. */
    private final AtomicInteger holding = new AtomicInteger();
    private volatile Detector[] all;
    private volatile Detector[] items;

    ArrivingDetectors(CompletableFuture<List<Detector>> future, FindingSink sink, Queue<String> problems, int maxProblems) {
        this.future = future;
        this.sink = sink;
        this.problems = problems;
        this.maxProblems = maxProblems;
        if (future.isDone() && !future.isCompletedExceptionally()) arrive(future.join());
    }

    /** True once the detectors cannot arrive (their compilation failed): the walk may stop. */
    boolean failed() {
        return future.isCompletedExceptionally();
    }

    /** Gives an event read on this thread to every detector, or holds it until they arrive. */
    void event(Event e) {
        Detector[] ds = current();
        if (ds != null && holding.get() == 0) {
            dispatch(ds, e);
            return;
        }
        ArrayDeque<Held> mine = backlog.get();
        if (ds == null && (ds = heldOrArrived(mine)) == null) {
            mine.add(new HeldEvent(e));
            return;
        }
        release(mine, ds);
        dispatch(ds, e);
    }

    /**
     * Whether any detector wants items' bytes, waiting for the detectors: a member of an archive must be copied to a
     * file while it streams by, or not at all.
     */
    boolean wantItems() {
        return awaited().items.length > 0;
    }

    /** Gives an item read on this thread (its bytes in {@code content}, a file) to the detectors that want items. */
    void item(EvidenceItem item, Path content) {
        Detector[] ds = current();
        ArrayDeque<Held> mine = backlog.get();
        if (ds == null && (ds = heldOrArrived(mine)) == null) {
            mine.add(new HeldItem(item, content));
            return;
        }
        release(mine, ds);
        for (Detector d : items) d.onItem(item, content, sink);
    }

    /** The detectors, once the walk has ended, with everything still held given to them; throws if they failed. */
    Detector[] arrived() {
        Detector[] ds = awaited().all;
        for (ArrayDeque<Held> b : backlogs) release(b, ds);
        return ds;
    }

    /** The detectors if they have arrived, else null; throws if they cannot arrive. */
    private Detector[] current() {
        Detector[] ds = all;
        return ds != null || !future.isDone() ? ds : awaited().all;
    }

    /** Null when this thread may hold one more; else the detectors, waited for when it holds {@link #HELD}. */
    private Detector[] heldOrArrived(ArrayDeque<Held> mine) {
        if (mine.isEmpty()) holding.incrementAndGet();
        if (mine.size() < HELD) return null;
        return awaited().all;
    }

    private ArrivingDetectors awaited() {
        if (all == null) {
            try {
                arrive(future.join());
            } catch (CompletionException e) {
                // the walk ends on the files under way; the scan reports the compilation's own failure
                throw new CancellationException("the detectors did not compile: " + e.getCause());
            }
        }
        return this;
    }

    private synchronized void arrive(List<Detector> detectors) {
        if (all != null) return;
        items = detectors.stream().filter(Detector::wantsItems).toArray(Detector[]::new);
        all = detectors.toArray(Detector[]::new);
    }

    private void release(ArrayDeque<Held> mine, Detector[] ds) {
        if (mine.isEmpty()) return;
        for (Held h; (h = mine.poll()) != null; ) {
            if (h instanceof HeldEvent e) dispatch(ds, e.event());
            else onItem((HeldItem) h);
        }
        holding.decrementAndGet();
    }

    private void onItem(HeldItem held) {
        for (Detector d : items) {
            try {
                d.onItem(held.item(), held.content(), sink);
            } catch (RuntimeException ex) {
                problem("detector " + d.id() + " failed on " + held.item().path() + ": " + ex);
            }
        }
    }

    private void dispatch(Detector[] ds, Event e) {
        for (Detector d : ds) {
            try {
                d.onEvent(e, sink);
            } catch (RuntimeException ex) {
                // a detector's bug must not stop the hunt: the event is reported and the others go on
                problem("detector " + d.id() + " failed on " + e.provenance() + ": " + ex);
            }
        }
    }

    private void problem(String p) {
        if (problems.size() < maxProblems) problems.add(p);
    }
}
