package dwell.pivot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostingsBuilderTest {
    @TempDir
    Path tmp;

    /** Random events with a few values each (skewed: some values on most events, most on few), as lists per value. */
    private static Map<Integer, List<Integer>> feed(PostingsBuilder b, Random r, int values, int events) {
        return feed(b.parts(1), r, values, events);
    }

    /** The same, the events split into consecutive ranges, one per part, fed round-robin as threads would interleave. */
    private static Map<Integer, List<Integer>> feed(List<PostingsBuilder.Part> parts, Random r, int values, int events) {
        Map<Integer, List<Integer>> expected = new HashMap<>();
        int[] next = new int[parts.size()];
        for (int p = 0; p < parts.size(); p++) next[p] = (int) ((long) events * p / parts.size());
        for (int step = 0; step < events; step++) {
            int p = step % parts.size();
            while (next[p] == (int) ((long) events * (p + 1) / parts.size())) p = (p + 1) % parts.size();
            int e = next[p]++;
            PostingsBuilder.Part b = parts.get(p);
            Set<Integer> used = new HashSet<>();
            int k = 1 + r.nextInt(6);
            for (int i = 0; i < k; i++) {
                int v = r.nextBoolean() ? r.nextInt(Math.min(values, 5)) : r.nextInt(values);
                if (!used.add(v)) continue;
                b.add(v, e);
                expected.computeIfAbsent(v, x -> new ArrayList<>()).add(e);
            }
        }
        expected.values().forEach(l -> l.sort(null));
        return expected;
    }

    /** Every value present, and a sample of the absent ones (all of them when there are few). */
    private static void check(Map<Integer, List<Integer>> expected, int values, PostingLists lists) {
        for (int v = 0; v < values; v += values > 100_000 ? 997 : 1) {
            if (!expected.containsKey(v)) {
                assertEquals(0, lists.count(v));
                assertEquals(-1, lists.postings(v).next());
            }
        }
        expected.forEach((v, events) -> {
            assertEquals(events.size(), lists.count(v), "count of " + v);
            Postings p = lists.postings(v);
            assertEquals(events.size(), p.count());
            for (int e : events) assertEquals(e, p.next(), "postings of " + v);
            assertEquals(-1, p.next());
            assertEquals(-1, p.next());
        });
        assertEquals(0, lists.count(-1));
        assertEquals(-1, lists.postings(values).next());
    }

    @Test
    void oneRunInMemory() {
        try (SpillSpace s = new SpillSpace(new IndexBudget(1L << 30, 0, tmp))) {
            PostingsBuilder b = new PostingsBuilder(s, 3000);
            Map<Integer, List<Integer>> expected = feed(b, new Random(1), 3000, 100_000);
            try (PostingLists lists = b.finish()) {
                check(expected, 3000, lists);
                assertEquals(0, lists.diskBytes());
            }
        }
    }

    @Test
    void manyRunsMergedAndSpilledGiveTheSameLists() {
        // runs of a few KB (hundreds of them), no memory budget: all pages on disk
        for (int values : new int[] {7, 3000, 5_000_000}) {
            try (SpillSpace s = new SpillSpace(new IndexBudget(0, Long.MAX_VALUE, tmp))) {
                PostingsBuilder b = PostingsBuilder.withShare(s, values, 4096);
                Map<Integer, List<Integer>> expected = feed(b, new Random(values), values, 60_000);
                try (PostingLists lists = b.finish()) {
                    assertTrue(lists.diskBytes() > 0);
                    check(expected, values, lists);
                }
            }
        }
    }

    @Test
    void aLimitMetWhileSortingAbandonsThePostings() {
        try (SpillSpace s = new SpillSpace(new IndexBudget(0, 4L * PagedBytes.PAGE, tmp))) {
            s.firstPassOver();
            PostingsBuilder b = PostingsBuilder.withShare(s, 3000, 4096);
            // the limit is met writing a run (while adding) or the final lists
            IndexLimitException x = assertThrows(IndexLimitException.class, () -> {
                feed(b, new Random(2), 3000, 200_000);
                b.finish();
            });
            b.abandon();
            assertTrue(x.getMessage().contains("--pivot-disk"), x.getMessage());
            assertTrue(s.diskBytes() > 0);
            assertEquals(0, countFiles(s.folder()), "abandoned runs and postings are deleted");
        }
    }

    @Test
    void partsLaidEndToEndGiveTheListsOfOnePart() {
        // a value in one part only, in every part, in none; events of later parts far past the earlier ones' (long gaps)
        for (int n : new int[] {2, 3, 7}) {
            try (SpillSpace s = new SpillSpace(new IndexBudget(1L << 30, 0, tmp))) {
                PostingsBuilder b = new PostingsBuilder(s, 3000);
                Map<Integer, List<Integer>> expected = feed(b.parts(n), new Random(n), 3000, 100_000);
                try (PostingLists lists = b.finish()) {
                    check(expected, 3000, lists);
                    assertEquals(0, lists.diskBytes());
                }
            }
        }
    }

    @Test
    void partsThatWroteRunsAreMergedInTheirOrder() {
        // some parts spill runs and others not: the merge takes every part's runs, earlier parts' events first
        for (int n : new int[] {2, 5}) {
            try (SpillSpace s = new SpillSpace(new IndexBudget(0, Long.MAX_VALUE, tmp))) {
                PostingsBuilder b = PostingsBuilder.withShare(s, 3000, 40_000L * n);
                Map<Integer, List<Integer>> expected = feed(b.parts(n), new Random(n), 3000, 60_000);
                try (PostingLists lists = b.finish()) {
                    assertTrue(lists.diskBytes() > 0);
                    check(expected, 3000, lists);
                }
            }
        }
    }

    private static long countFiles(Path dir) {
        try (var f = java.nio.file.Files.list(dir)) {
            return f.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
