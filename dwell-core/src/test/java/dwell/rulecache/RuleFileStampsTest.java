package dwell.rulecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The stamps' part of a cache key: every fact of every file decides it, and no two lists of stamps share one. */
class RuleFileStampsTest {
    private static final RuleFileStamps.Stamp A = new RuleFileStamps.Stamp("/rules/windows/a.yml", 1200,
            1_700_000_000_123_456_789L, 1_700_000_001_000_000_001L, 2049, 917_001);
    private static final RuleFileStamps.Stamp B = new RuleFileStamps.Stamp("/rules/windows/b.yml", 300,
            1_700_000_002_000_000_000L, 1_700_000_003_000_000_000L, 2049, 917_002);

    private static String name(List<RuleFileStamps.Stamp> stamps) {
        RuleCache.Key k = RuleCache.in(java.nio.file.Path.of("unused"), "1", n -> { }).key("sigmastamps");
        new RuleFileStamps(stamps).addTo(k);
        return k.name();
    }

    @Test
    void equalStampsGiveEqualKeys() {
        assertEquals(name(List.of(A, B)), name(List.of(new RuleFileStamps.Stamp(A.path(), A.size(), A.modified(),
                A.changed(), A.device(), A.inode()), B)));
    }

    @Test
    void everyFactOfEveryFileChangesTheKey() {
        List<UnaryOperator<RuleFileStamps.Stamp>> changes = List.of(
                s -> new RuleFileStamps.Stamp(s.path() + "x", s.size(), s.modified(), s.changed(), s.device(), s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size() + 1, s.modified(), s.changed(), s.device(), s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), s.modified() + 1, s.changed(), s.device(), s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), s.modified(), s.changed() + 1, s.device(), s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), s.modified(), s.changed(), s.device() + 1, s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), s.modified(), s.changed(), s.device(), s.inode() + 1),
                // a negative time (before 1970) or a device number above 2^63 must not wrap into another's
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), -s.modified(), s.changed(), s.device(), s.inode()),
                s -> new RuleFileStamps.Stamp(s.path(), s.size(), s.modified(), s.changed(), s.device() | Long.MIN_VALUE, s.inode()));
        Set<String> names = new HashSet<>();
        names.add(name(List.of(A, B)));
        for (UnaryOperator<RuleFileStamps.Stamp> change : changes) {
            assertTrue(names.add(name(List.of(change.apply(A), B))), "a change to the first file's stamp: another key");
            assertTrue(names.add(name(List.of(A, change.apply(B)))), "a change to the second file's stamp: another key");
        }
    }

    @Test
    void addedRemovedOrReorderedFilesChangeTheKey() {
        Set<String> names = new HashSet<>(List.of(name(List.of(A, B))));
        assertTrue(names.add(name(List.of(A))));
        assertTrue(names.add(name(List.of(B, A))));
        assertTrue(names.add(name(List.of(A, B, B))));
        assertTrue(names.add(name(List.of())));
    }

    @Test
    void pathsNeverRunTogether() {
        // the same characters split differently between two paths, and a path extending the one before it
        RuleFileStamps.Stamp ab = new RuleFileStamps.Stamp("/r/ab", 1, 2, 3, 4, 5);
        RuleFileStamps.Stamp c = new RuleFileStamps.Stamp("/r/c", 1, 2, 3, 4, 5);
        RuleFileStamps.Stamp a = new RuleFileStamps.Stamp("/r/a", 1, 2, 3, 4, 5);
        RuleFileStamps.Stamp bc = new RuleFileStamps.Stamp("/r/bc", 1, 2, 3, 4, 5);
        assertNotEquals(name(List.of(ab, c)), name(List.of(a, bc)));
        RuleFileStamps.Stamp longer = new RuleFileStamps.Stamp("/r/ab/c", 1, 2, 3, 4, 5);
        assertNotEquals(name(List.of(ab, longer)), name(List.of(ab, new RuleFileStamps.Stamp("/r/abc", 1, 2, 3, 4, 5))));
    }

    @Test
    void nonAsciiPathsAndManyFilesKeepTheirPlace() {
        List<RuleFileStamps.Stamp> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(new RuleFileStamps.Stamp("/règles/" + "é".repeat(i % 7) + i + ".yml", i, i * 3L, i * 5L, 7, i));
        }
        String all = name(many);
        List<RuleFileStamps.Stamp> renamed = new ArrayList<>(many);
        RuleFileStamps.Stamp s = many.get(2999);
        renamed.set(2999, new RuleFileStamps.Stamp(new String(s.path().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1), s.size(), s.modified(), s.changed(), s.device(), s.inode()));
        assertNotEquals(all, name(renamed), "a path's characters, not only its length, decide");
        assertEquals(all, name(List.copyOf(many)));
    }
}
