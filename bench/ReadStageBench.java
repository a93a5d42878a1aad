import dwell.event.Event;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.read.ItemReading;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reading stage of a scan alone, cold, in a fresh JVM: the catalog walks, hashes (SHA-256) and sniffs the evidence,
 * the EVTX reader decodes every record and each event's fields and time are worked out; no detector. Prints the events,
 * the wall time, the process's CPU (JIT compiler and collector included) and the bytes its threads still alive at the end allocated.
 * Usage: ReadStageBench DIR CATALOG_THREADS (see bench/read-stage.sh).
 */
public class ReadStageBench {
    public static void main(String[] a) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int threads = Integer.parseInt(a[1]);
        AtomicLong events = new AtomicLong();
        ItemReading reading = new ItemReading(new ItemReading.Listener() {
            public EventSink reading(EvidenceItem item, LogFormat format) {
                return new EventSink() {
                    public void event(Event e) { e.fields(); e.time(); events.incrementAndGet(); }
                    public void unreadable(long p, String r) { }
                };
            }
            public void finished(EvidenceItem item, List<String> problems) { }
        });
        long t0 = System.nanoTime();
        new Catalog(CatalogLimits.DEFAULT, threads).walk(List.of(Path.of(a[0])), reading);
        long wall = System.nanoTime() - t0;
        long total = 0, cpu = 0;
        for (long id : mx.getAllThreadIds()) { long b = mx.getThreadAllocatedBytes(id); if (b > 0) total += b; }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("events %d  wall %.2f s  process cpu %.2f s  allocated %.0f MB%n", events.get(), wall / 1e9, os.getProcessCpuTime() / 1e9, total / 1e6);
    }
}
