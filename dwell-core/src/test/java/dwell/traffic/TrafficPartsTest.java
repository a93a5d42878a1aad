package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.evidence.CatalogLimits;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.hunt.SharedHunts;
import dwell.testkit.TrafficLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic detector hunting shares of the web logs apart, its parts (rates, item spans, failure runs) merged in any
 * grouping and order (one by one, or first added up in pairs as a treeReduce does), finds the planted episodes with the single process's figures and summary.
 */
class TrafficPartsTest {
    @TempDir
    Path dir;

    @Test
    void anyGroupingOfTheSharesGivesTheSingleProcessEpisodesAndSummary() throws Exception {
        TrafficLogs.writeFrontEnd(dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ScanOptions options = new ScanOptions(null, null, Level.INFORMATIONAL, 2);
        SharedHunts.Hunted<TrafficDetector> whole = SharedHunts.whole(TrafficDetector.builtin(CatalogLimits.DEFAULT, options), files);
        assertEquals(List.of("traffic.password-spray", "traffic.spray-success", "traffic.brute-force", "traffic.flood"),
                whole.findings().stream().map(f -> f.rule().id()).toList());
        for (List<List<Path>> shares : SharedHunts.groupings(files)) {
            SharedHunts.Hunted<TrafficDetector> merged = SharedHunts.shared(() -> TrafficDetector.builtin(CatalogLimits.DEFAULT, options), shares);
            assertEquals(whole.findings(), merged.findings(), shares.toString());
            assertEquals(whole.detector().summary(), merged.detector().summary(), shares.toString());
            SharedHunts.Hunted<TrafficDetector> summed = SharedHunts.summed(() -> TrafficDetector.builtin(CatalogLimits.DEFAULT, options), shares);
            assertEquals(whole.findings(), summed.findings(), "summed " + shares);
            assertEquals(whole.detector().summary(), summed.detector().summary(), "summed " + shares);
        }
    }
}
