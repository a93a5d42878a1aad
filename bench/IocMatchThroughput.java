import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.w3c.W3cReader;
import dwell.ioc.IocDetector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits the IOC scan's cost on one thread (bench/ioc.sh runs it on its data after the side-by-side run):
 * {@code java -cp 'dwell-cli/target/lib/*' bench/IocMatchThroughput.java FEED LOG [rounds]}
 * prints the CPU time to load the feed, then per round the CPU MB/s of reading the W3C log alone and of
 * reading it with every event matched by the IOC detector.
 */
public final class IocMatchThroughput {
    private IocMatchThroughput() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        IocDetector d = IocDetector.load(List.of(Path.of(args[0])));
        System.out.printf("loaded %d indicators in %.2f s CPU%n", d.size(), (threads.getCurrentThreadCpuTime() - c0) / 1e9);
        Path log = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double mb = Files.size(log) / 1e6;
        for (int r = 0; r < rounds; r++) {
            for (boolean match : new boolean[] {false, true}) {
                long[] n = new long[2];
                EventSink sink = new EventSink() {
                    @Override
                    public void event(Event e) {
                        n[0]++;
                        if (match) d.onEvent(e, f -> n[1]++);
                        else e.forEachField((k, v) -> n[1] += v.length() & 1);
                    }

                    @Override
                    public void unreadable(long position, String reason) {
                    }
                };
                long t0 = threads.getCurrentThreadCpuTime();
                try (InputStream in = Files.newInputStream(log)) {
                    new W3cReader().read(log.toString(), in, sink);
                }
                double cpu = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
                System.out.printf("round %d %-14s %d events, %d %s, %.2f s CPU = %.0f MB/s%n", r + 1,
                        match ? "read+match" : "read+fields", n[0], n[1], match ? "findings" : "checksum", cpu, mb / cpu);
            }
        }
    }
}
