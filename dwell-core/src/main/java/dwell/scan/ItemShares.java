package dwell.scan;

import dwell.evidence.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The evidence files (archives whole) balanced over a number of shares by size, for hunting apart: the largest file
 * first, each to the share with the fewest bytes so far (the lowest-numbered on a tie), so the same evidence always
 * gives the same shares. Paths are the catalog's display paths, which a share hunted as roots keeps.
 */
public final class ItemShares {
    private ItemShares() {
    }

    /** At most {@code count} non-empty shares, each sorted by path. */
    public static List<List<String>> balance(List<Path> evidence, int count) throws IOException {
        if (count < 1) throw new IllegalArgumentException("at least one share is needed");
        List<Sized> files = new ArrayList<>();
        for (Path p : Catalog.files(evidence)) files.add(new Sized(p.toString(), size(p)));
        files.sort(Comparator.comparingLong(Sized::bytes).reversed().thenComparing(Sized::path));
        List<List<String>> shares = new ArrayList<>();
        long[] load = new long[count];
        for (int i = 0; i < count; i++) shares.add(new ArrayList<>());
        for (Sized f : files) {
            int least = 0;
            for (int i = 1; i < count; i++) if (load[i] < load[least]) least = i;
            load[least] += f.bytes();
            shares.get(least).add(f.path());
        }
        shares.removeIf(List::isEmpty);
        shares.forEach(s -> s.sort(null));
        return shares;
    }

    /** A file that cannot be measured weighs nothing here; its share's hunt reports it. */
    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private record Sized(String path, long bytes) {
    }
}
