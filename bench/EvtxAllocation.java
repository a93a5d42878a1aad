import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Bytes the EVTX reader allocates per record, over every file of a directory held in memory, with one parsing
 * thread: records read with their fields (what a hunt asks for), and records read as XML (what the dump asks for).
 * The JVM counts every thread's allocations; the figure is the sum over the threads alive at both ends of a pass
 * (the reader's threads live as long as its stream), after warm-up passes so that the JIT has settled.
 * Run by bench/evtx-alloc.sh: java -cp CLASSPATH EvtxAllocation.java DIR [PASSES]
 * Output, one line per mode: mode records bytes_per_record
 */
public class EvtxAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) files.add(Files.readAllBytes(p));
        }
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        EvtxStream stream = new EvtxStream(1);
        ToIntFunction<EvtxEvent> fields = e -> e.fields().size();
        ToIntFunction<EvtxEvent> xml = e -> e.xml().length();
        for (int i = 0; i < passes; i++) {
            pass(stream, files, fields);
            pass(stream, files, xml);
        }
        long[] f = pass(stream, files, fields);
        long[] x = pass(stream, files, xml);
        System.out.printf("fields %d %d%n", f[0], f[1] / f[0]);
        System.out.printf("xml %d %d%n", x[0], x[1] / x[0]);
    }

    /** One pass over the files asking each event for {@code use}: {records, bytes allocated}. */
    private static long[] pass(EvtxStream stream, List<byte[]> files, ToIntFunction<EvtxEvent> use) throws Exception {
        long[] n = {0, 0};
        long[] ids = THREADS.getAllThreadIds();
        long before = sum(THREADS.getThreadAllocatedBytes(ids));
        try (EvtxStream.Batch batch = stream.batch()) {
            for (byte[] b : files) {
                batch.read("bench", new ByteArrayInputStream(b), r -> {
                    for (EvtxEvent e : r.events()) {
                        n[0]++;
                        n[1] += use.applyAsInt(e);
                    }
                });
            }
            batch.finish();
        }
        long after = sum(THREADS.getThreadAllocatedBytes(ids));
        if (n[1] == 42) System.err.println(); // keeps the work from being optimised away
        return new long[] {n[0], after - before};
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) s += Math.max(0, x);
        return s;
    }
}
