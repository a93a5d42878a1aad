package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.evidence.CatalogLimits;
import dwell.hunt.HuntEngine;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.hunt.SharedHunts;
import dwell.inventory.InventoryBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed's "seen" and "hits" are the whole scan's when shares are hunted apart, also by one detector compiled once and
 * lent to several shares' hunts ({@link IocDetector#forShare}), as an executor does.
 */
class IocSharesTest {
    @TempDir
    Path dir;

    @Test
    void sharesOfOneCompiledDetectorCountApartAndMergeIntoTheWholeScansStatistics() throws Exception {
        Path feed = dir.resolve("hafnium-2021-filename-iocs.txt");
        try (InputStream in = IocSharesTest.class.getResourceAsStream("/dwell/builtin/exchange/iocs/hafnium-2021-filename-iocs.txt")) {
            Files.copy(in, feed);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpora.repoRoot().resolve("examples"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        IocDetector whole = SharedHunts.whole(IocDetector.load(List.of(feed)), files).detector();
        FeedStats all = whole.feeds().get(0);
        assertTrue(all.seen() >= 2 && all.hits() > all.seen(), all.summaryLine());

        IocDetector compiled = IocDetector.load(List.of(feed));
        IocDetector merged = IocDetector.load(List.of(feed));
        ScanOptions options = new ScanOptions(null, null, Level.INFORMATIONAL, 1);
        for (List<Path> share : List.of(files.subList(0, files.size() / 2), files.subList(files.size() / 2, files.size()))) {
            IocDetector mine = compiled.forShare();
            new HuntEngine(List.of(mine), options, CatalogLimits.DEFAULT).runShare(share, new InventoryBuilder());
            merged.merge(SharedHunts.travelled(mine.part()));
        }
        FeedStats sum = merged.feeds().get(0);
        assertEquals(all.seen(), sum.seen());
        assertEquals(all.hits(), sum.hits());
        assertEquals(FeedSummary.of(whole.feeds()), FeedSummary.of(merged.feeds()));
        // a blank twin adds two shares' hits up without counting them into the compiled detector's feeds
        IocDetector halves = IocDetector.load(List.of(feed));
        IocDetector first = compiled.forShare();
        IocDetector second = compiled.forShare();
        new HuntEngine(List.of(first), options, CatalogLimits.DEFAULT).runShare(files.subList(0, files.size() / 2), new InventoryBuilder());
        new HuntEngine(List.of(second), options, CatalogLimits.DEFAULT).runShare(files.subList(files.size() / 2, files.size()), new InventoryBuilder());
        halves.merge(SharedHunts.travelled(compiled.blank().sum(first.part(), second.part())));
        assertEquals(FeedSummary.of(whole.feeds()), FeedSummary.of(halves.feeds()));
        assertEquals(0, compiled.feeds().get(0).seen());
    }
}
