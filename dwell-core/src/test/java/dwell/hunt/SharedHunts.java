package dwell.hunt;

import dwell.evidence.CatalogLimits;
import dwell.inventory.InventoryBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Hunts evidence with one mergeable detector in one piece, and in shares apart, each with a fresh detector whose part
 * travels through Java serialization (as between processes) into a fresh whole-scan twin that then finishes: for tests
 * that any grouping and order of the shares gives the single process's outcome.
 */
public final class SharedHunts {
    private static final ScanOptions OPTIONS = new ScanOptions(null, null, Level.INFORMATIONAL, 2);

    private SharedHunts() {
    }

    /** A detector after a hunt, and the hunt's findings in the output order. */
    public record Hunted<D extends Detector>(D detector, List<Finding> findings) {
    }

    /** The files hunted in one piece by {@code d}. */
    public static <D extends Detector> Hunted<D> whole(D d, List<Path> files) throws IOException {
        return new Hunted<>(d, new HuntEngine(List.of(d), OPTIONS, CatalogLimits.DEFAULT).run(files).findings());
    }

    /** Each share hunted apart by a fresh detector; the parts merged, in the shares' order, into a fresh one. */
    public static <D extends MergingDetector> Hunted<D> shared(Supplier<D> fresh, List<List<Path>> shares) throws IOException {
        return hunted(fresh, shares, parts -> parts);
    }

    /**
     * As {@link #shared}, but the parts first added up apart as a Spark {@code treeReduce} would: pairs taken at random
     * (seeded) and summed by blank twins, each sum travelling again, until one part is left for the fresh detector.
     */
    public static <D extends SummingDetector> Hunted<D> summed(Supplier<D> fresh, List<List<Path>> shares) throws IOException {
        Random random = new Random(shares.size());
        SummingDetector template = fresh.get();
        return hunted(fresh, shares, parts -> {
            List<Serializable> left = new ArrayList<>(parts);
            while (left.size() > 1) {
                Serializable a = left.remove(random.nextInt(left.size()));
                Serializable b = left.remove(random.nextInt(left.size()));
                left.add(travelled(template.sum(a, b)));
            }
            return left;
        });
    }

    private interface Reduction {
        List<Serializable> of(List<Serializable> parts) throws IOException;
    }

    private static <D extends MergingDetector> Hunted<D> hunted(Supplier<D> fresh, List<List<Path>> shares, Reduction reduction)
            throws IOException {
        List<Finding> found = new ArrayList<>();
        InventoryBuilder inventory = new InventoryBuilder();
        D merging = fresh.get();
        List<Serializable> parts = new ArrayList<>();
        for (List<Path> share : shares) {
            D d = fresh.get();
            InventoryBuilder counted = new InventoryBuilder();
            found.addAll(new HuntEngine(List.of(d), OPTIONS, CatalogLimits.DEFAULT).runShare(share, counted).findings());
            inventory.merge(counted.part());
            parts.add(travelled(((PartialDetector) d).part()));
        }
        reduction.of(parts).forEach(merging::merge);
        merging.finish(found::add);
        return new Hunted<>(merging, HuntEngine.order(found, inventory.build(), Level.INFORMATIONAL));
    }

    /**
     * Ways to share {@code files}: one share of all, each file alone, every file but the first in a second share, two
     * round-robin shares in reverse order, and three random shares (seeded).
     */
    public static List<List<List<Path>>> groupings(List<Path> files) {
        List<List<List<Path>>> out = new ArrayList<>();
        out.add(List.of(files));
        out.add(files.stream().map(List::of).toList());
        out.add(List.of(files.subList(0, 1), files.subList(1, files.size())));
        List<List<Path>> two = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < files.size(); i++) two.get(i % 2).add(files.get(i));
        out.add(List.of(two.get(1), two.get(0)));
        Random random = new Random(21);
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, random);
        List<List<Path>> three = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Path p : shuffled) three.get(random.nextInt(3)).add(p);
        out.add(three);
        return out;
    }

    /** A part as another process receives it. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T travelled(T part) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(part);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a part does not travel: " + e, e);
        }
    }
}
