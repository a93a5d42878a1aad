import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.pivot.EventIndex;
import dwell.pivot.PivotFields;
import dwell.read.ItemReading;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The pivot index's first-pass cost alone (issue 20, localbig): the first FILES logs of a folder read on one thread,
 * ROUNDS times each way in turn, once with every event's fields decoded (as the scan's IOC detector does) and once with
 * that and the event handed to a fresh EventIndex; prints each pass's thread CPU, and the index's share, from their
 * difference. Usage: IndexBench DIR FILES ROUNDS (see bench/index-ab.sh).
 */
public class IndexBench {
    public static void main(String[] a) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(a[0]))) {
            files = s.sorted().limit(Integer.parseInt(a[1])).toList();
        }
        var mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < Integer.parseInt(a[2]); round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            pass(files, e -> { });
            long read = mx.getCurrentThreadCpuTime() - t0;
            EventIndex index = new EventIndex(PivotFields.builtin());
            t0 = mx.getCurrentThreadCpuTime();
            pass(files, e -> index.onEvent(e, f -> { }));
            long indexed = mx.getCurrentThreadCpuTime() - t0;
            index.close();
            System.out.printf("round %d  read %.2f s  read+index %.2f s  index %.2f s%n", round, read / 1e9, indexed / 1e9,
                    (indexed - read) / 1e9);
        }
    }

    private static void pass(List<Path> files, Consumer<Event> then) throws Exception {
        ItemReading reading = new ItemReading(new ItemReading.Listener() {
            public EventSink reading(EvidenceItem item, LogFormat format) {
                return new EventSink() {
                    public void event(Event e) { e.forEachField((n, v) -> { }); then.accept(e); }
                    public void unreadable(long p, String r) { }
                };
            }
            public void finished(EvidenceItem item, List<String> problems) { }
        });
        new Catalog(CatalogLimits.DEFAULT, 1).walk(files, reading);
    }
}
