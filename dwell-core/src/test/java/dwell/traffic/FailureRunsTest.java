package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Runs are the components of failures at most the gap apart, whatever order the failures come in. */
class FailureRunsTest {
    private static WebRequest failure(long t, String account, String source) {
        return new WebRequest(Instant.ofEpochSecond(t), "iis-w3c", "H", "/ews", "/ews", source, account,
                WebRequests.accountKey(account), 401, null, Outcome.FAILURE);
    }

    /** {@code n} failures in time order, at random gaps below {@code gap}, one in {@code longOneIn} below {@code longGap}. */
    private static List<WebRequest> failures(Random random, int n, int longOneIn, int longGap, int gap, int accounts) {
        List<WebRequest> failures = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(random.nextInt(longOneIn) == 0 ? longGap : gap);
            failures.add(failure(t, "u" + random.nextInt(accounts), "10.0.0." + random.nextInt(3)));
        }
        return failures;
    }

    private static List<String> shape(FailureRuns runs) {
        List<String> out = new ArrayList<>();
        runs.runs().forEach((k, rs) -> rs.forEach(r -> out.add(k + " " + r.start() + ".." + r.end() + " " + r.attempts()
                + " " + new java.util.TreeMap<>(r.accounts()) + " " + new java.util.TreeMap<>(r.sources()))));
        return out;
    }

    @Test
    void gapSplitsAndBridgesJoin() {
        FailureRuns runs = new FailureRuns(600);
        for (long t : new long[] {0, 600, 1300, 1900}) runs.add("k", failure(t, "a", "1.1.1.1"));
        assertEquals(List.of("k 0..600 2 {a=2} {1.1.1.1=2}", "k 1300..1900 2 {a=2} {1.1.1.1=2}"), shape(runs));
        runs.add("k", failure(950, "B", "1.1.1.2"));
        assertEquals(List.of("k 0..1900 5 {a=4, b=1} {1.1.1.1=4, 1.1.1.2=1}"), shape(runs));
    }

    @Test
    void runsGatheredApartAndAbsorbedInAnyGroupingAreTheRunsOfAllTheFailures() {
        Random random = new Random(11);
        List<WebRequest> failures = failures(random, 400, 8, 2000, 400, 9);
        FailureRuns all = new FailureRuns(600);
        failures.forEach(f -> all.add(f.source(), f));
        for (int shares : new int[] {1, 2, 3, 7, 50}) {
            List<FailureRuns> parts = new ArrayList<>();
            for (int i = 0; i < shares; i++) parts.add(new FailureRuns(600));
            for (WebRequest f : failures) parts.get(random.nextInt(shares)).add(f.source(), f);
            Collections.shuffle(parts, random);
            FailureRuns merged = new FailureRuns(600);
            for (FailureRuns p : parts) merged.absorb(p.runs());
            assertEquals(shape(all), shape(merged), shares + " shares");
            // absorbing into a part that already holds runs of its own bridges them alike
            FailureRuns into = parts.get(0);
            for (FailureRuns p : parts.subList(1, parts.size())) into.absorb(p.runs());
            assertEquals(shape(all), shape(into), shares + " shares, into the first");
        }
    }

    @Test
    void anyOrderGivesTheSameRuns() {
        Random random = new Random(5);
        List<WebRequest> failures = failures(random, 500, 10, 3000, 300, 20);
        FailureRuns inOrder = new FailureRuns(600);
        failures.forEach(f -> inOrder.add("k", f));
        for (int round = 0; round < 5; round++) {
            List<WebRequest> shuffled = new ArrayList<>(failures);
            Collections.shuffle(shuffled, random);
            FailureRuns any = new FailureRuns(600);
            shuffled.forEach(f -> any.add("k", f));
            assertEquals(shape(inOrder), shape(any));
        }
        long expectedRuns = 1;
        for (int i = 1; i < failures.size(); i++) {
            if (failures.get(i).time().getEpochSecond() - failures.get(i - 1).time().getEpochSecond() > 600) expectedRuns++;
        }
        assertEquals(expectedRuns, inOrder.runs().get("k").size());
        assertEquals(Map.of(), new FailureRuns(1).runs());
    }
}
