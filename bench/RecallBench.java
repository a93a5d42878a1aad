import dwell.evidence.CatalogLimits;
import dwell.hunt.EventRecall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The pivot's read-back of its hit events alone (bench/recall-ab.sh runs it in two trees): {@code java -cp CLASSPATH
 * bench/RecallBench.java KEYS [passes]} reads the positions of KEYS (one a line: path, line, record, tab-separated)
 * back with {@link EventRecall#fields} in a fresh JVM, {@code passes} times (default 1: the first pass is what a
 * cluster's driver pays, its reader's code cold), and prints each pass's wall time and the positions found.
 */
public class RecallBench {
    public static void main(String[] args) throws Exception {
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] p = line.split("\t");
            keys.add(p[0] + '\0' + p[1] + '\0' + p[2]);
        }
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventRecall recall = new EventRecall(CatalogLimits.DEFAULT);
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            int found = recall.fields(keys).size();
            System.out.printf("pass %d %.3f s, %d of %d positions%n", i + 1, (System.nanoTime() - t0) / 1e9, found, keys.size());
        }
    }
}
