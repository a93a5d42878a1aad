package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.Detector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The first pass of a test's planted events: first-pass detectors fed on several threads in a shuffled order, and the recall of whole events. */
public final class FirstPass {
    private FirstPass() {
    }

    /** Feeds every event to every detector on {@code threads} threads, in an order shuffled by the thread count. */
    public static void feed(List<Event> events, int threads, List<? extends Detector> detectors) throws InterruptedException {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(threads));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int chunk = (shuffled.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<Event> part = shuffled.subList(Math.min(t * chunk, shuffled.size()), Math.min((t + 1) * chunk, shuffled.size()));
            pool.submit(() -> part.forEach(e -> detectors.forEach(d -> d.onEvent(e, f -> { }))));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }

    /** Reads the planted events back by position, as the evidence would give them. */
    public static Pivot.EventLookup lookup(List<Event> events) {
        Map<String, Map<String, String>> whole = new HashMap<>();
        for (Event e : events) whole.put(Pivot.key(e.provenance().item(), e.provenance().line(), 0), e.fields());
        return keys -> {
            Map<String, Map<String, String>> out = new HashMap<>();
            for (String k : keys) if (whole.containsKey(k)) out.put(k, whole.get(k));
            return out;
        };
    }
}
