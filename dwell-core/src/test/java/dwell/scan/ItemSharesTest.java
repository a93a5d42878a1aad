package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dwell.evidence.OutputFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Balancing the evidence files over shares by size, the same way every time. */
class ItemSharesTest {
    @TempDir
    Path tmp;

    private String file(String name, int bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
        return p.toString();
    }

    @Test
    void largestFirstEachToTheLightestShareTheLowestOnATie() throws Exception {
        String a = file("a.log", 50), b = file("b.log", 40), c = file("c.log", 30), d = file("d.log", 20), e = file("e.log", 10);
        // 50 -> 0; 40 -> 1; 30 -> 1 (40 < 50); 20 -> 0 (50 < 70); 10 -> 0 (70 = 70, the lower share)
        assertEquals(List.of(List.of(a, d, e), List.of(b, c)), ItemShares.balance(List.of(tmp), 2));
    }

    @Test
    void equalSizesGoByPathAndTheSharesAreSorted() throws Exception {
        String z = file("z.log", 10), y = file("sub/y.log", 10), x = file("x.log", 10);
        // the same size: taken in path order (sub/y, x, z), dealt out 0, 1, 2
        assertEquals(List.of(List.of(y), List.of(x), List.of(z)), ItemShares.balance(List.of(tmp), 3));
    }

    @Test
    void noEmptySharesWhenThereAreFewerFilesAndEverythingInOneShare() throws Exception {
        String a = file("a.log", 5), b = file("b.zip", 7);
        assertEquals(List.of(List.of(b), List.of(a)), ItemShares.balance(List.of(tmp), 8));
        assertEquals(List.of(List.of(a, b)), ItemShares.balance(List.of(tmp), 1));
    }

    @Test
    void dwellsOwnOutputIsNoShareOfTheEvidenceAndAFileNamedIsOne() throws Exception {
        String a = file("a.log", 5);
        OutputFolder.prepare(tmp.resolve("out"));
        file("out/findings.jsonl", 100);
        assertEquals(List.of(List.of(a)), ItemShares.balance(List.of(tmp), 2));
        assertEquals(List.of(List.of(a)), ItemShares.balance(List.of(Path.of(a)), 2));
    }

    @Test
    void atLeastOneShare() {
        assertThrows(IllegalArgumentException.class, () -> ItemShares.balance(List.of(tmp), 0));
    }
}
