package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.hunt.Detector;
import dwell.hunt.DetectorReport;
import dwell.hunt.Finding;
import dwell.hunt.SharedHunts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pack's detectors that gather across items (the log coverage check, the IOC feeds' statistics) hunting shares of
 * examples/ apart, their parts merged in any grouping and order (one by one, or added up in pairs first), give the single process's findings and summary.
 */
class PackPartsTest {
    static List<Path> files;

    @BeforeAll
    static void list() throws Exception {
        try (Stream<Path> s = Files.walk(Corpora.repoRoot().resolve("examples"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Map<String, Map<String, Object>> report(Detector d) {
        DetectorReport r = new DetectorReport();
        d.report(r);
        return r.sections();
    }

    @Test
    void logCoverageMergedInAnyGroupingIsTheSingleProcesssCoverage() throws Exception {
        SharedHunts.Hunted<LogCoverageCheck> whole = SharedHunts.whole(new LogCoverageCheck(PackEvents.RULES), files);
        // examples/ has IIS, HttpProxy, ECP and OAB logs: several series, some spread over several files
        assertTrue(whole.findings().size() >= 5, whole.findings()::toString);
        for (List<List<Path>> shares : SharedHunts.groupings(files)) {
            SharedHunts.Hunted<LogCoverageCheck> merged = SharedHunts.shared(() -> new LogCoverageCheck(PackEvents.RULES), shares);
            assertEquals(whole.findings(), merged.findings(), shares.toString());
            assertEquals(report(whole.detector()), report(merged.detector()), shares.toString());
            SharedHunts.Hunted<LogCoverageCheck> summed = SharedHunts.summed(() -> new LogCoverageCheck(PackEvents.RULES), shares);
            assertEquals(whole.findings(), summed.findings(), "summed " + shares);
            assertEquals(report(whole.detector()), report(summed.detector()), "summed " + shares);
        }
    }

    @Test
    void theFeedsSeenAndHitsMergedInAnyGroupingAreTheSingleProcesss() throws Exception {
        SharedHunts.Hunted<PackIocDetector> whole = SharedHunts.whole(PackIocDetector.load(PackEvents.RULES), files);
        long seen = whole.detector().feeds().stream().mapToLong(f -> f.seen()).sum();
        long hits = whole.detector().feeds().stream().mapToLong(f -> f.hits()).sum();
        assertTrue(seen >= 2 && hits > seen, seen + " seen, " + hits + " hits");
        assertEquals(hits, whole.findings().stream().filter(f -> f.detector().equals("ioc")).count()
                + whole.findings().stream().map(Finding::details).filter(d -> d.containsKey("hits"))
                .mapToLong(d -> ((List<?>) d.get("hits")).size() - 1).sum());
        for (List<List<Path>> shares : SharedHunts.groupings(files)) {
            SharedHunts.Hunted<PackIocDetector> merged = SharedHunts.shared(() -> PackIocDetector.load(PackEvents.RULES), shares);
            assertEquals(whole.findings(), merged.findings(), shares.toString());
            assertEquals(report(whole.detector()), report(merged.detector()), shares.toString());
            SharedHunts.Hunted<PackIocDetector> summed = SharedHunts.summed(() -> PackIocDetector.load(PackEvents.RULES), shares);
            assertEquals(whole.findings(), summed.findings(), "summed " + shares);
            assertEquals(report(whole.detector()), report(summed.detector()), "summed " + shares);
        }
    }
}
