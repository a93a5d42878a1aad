import dwell.format.evtx.ChunkResult;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import java.io.ByteArrayInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What a second reading thread costs, in one JVM: the corpus (held in memory) read COPIES times a pass by one
 * EvtxStream with 1 thread ("one"), by one with 2 threads ("two": chunks read on the calling thread, parsed on
 * either), and by two 1-thread streams on two threads, each reading every other file ("split": the same work with
 * no chunk, template or buffer passing between the threads). Modes alternate pass by pass after a warm-up of
 * WARMUP seconds; medians over ROUNDS rounds. The CPU figure is the Java threads' own (ThreadMXBean, ns resolution;
 * GC and JIT threads left out: they are alike in all modes), so that the extra work of a mode shows apart from waiting.
 * Files are read from their bytes in memory, chunks copied by the threads that parse them (Batch.read of a byte[]),
 * where the tree has that; from a ByteArrayInputStream, chunks read on the calling thread, where it has not or when
 * STREAM=1 is set.
 * Run by bench/evtx-threads.sh: java -cp CLASSPATH EvtxThreadCost.java DIR [ROUNDS] [COPIES] [WARMUP]
 * Output: "source bytes|stream", then one line per mode: mode records wall_ms java_cpu_ms
 */
public class EvtxThreadCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] MODES = {"one", "two", "split"};
    /** Batch.read(String, byte[], Consumer), or null where the tree reads only streams (or STREAM=1). */
    private static final MethodHandle READ_BYTES = readBytes();

    public static void main(String[] args) throws Exception {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) files.add(Files.readAllBytes(p));
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 15;
        System.out.println("source " + (READ_BYTES != null ? "bytes" : "stream"));
        Map<String, Pass> passes = Map.of(
                "one", new Pass(files, copies, new EvtxStream(1)),
                "two", new Pass(files, copies, new EvtxStream(2)),
                "split", new Pass(files, copies, new EvtxStream(1), new EvtxStream(1)));
        long start = System.nanoTime();
        while (System.nanoTime() - start < warmup * 1e9) {
            for (String m : MODES) passes.get(m).run();
        }
        Map<String, List<double[]>> timed = new LinkedHashMap<>();
        for (String m : MODES) timed.put(m, new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < MODES.length; i++) {
                String m = MODES[r % 2 == 0 ? i : MODES.length - 1 - i]; // neither order always first
                timed.get(m).add(passes.get(m).run());
            }
        }
        for (var e : timed.entrySet()) {
            for (double[] f : e.getValue()) {
                if (f[0] != timed.get("one").get(0)[0]) throw new IllegalStateException(e.getKey() + " read " + f[0] + " records, one " + timed.get("one").get(0)[0]);
            }
            System.out.printf("%s %.0f %.1f %.1f%n", e.getKey(), median(e.getValue(), 0), median(e.getValue(), 1), median(e.getValue(), 2));
        }
    }

    /** One mode's pass: each stream reads its share of the files (every n-th of n streams), the first on this thread. */
    private record Pass(List<byte[]> files, int copies, EvtxStream... streams) {
        /** {records, wall ms, Java threads' CPU ms} */
        double[] run() throws Exception {
            long[] records = new long[streams.length];
            long[] ownCpu = new long[streams.length];
            Map<Long, Long> cpu0 = javaThreadCpu();
            long t0 = System.nanoTime();
            List<Thread> others = new ArrayList<>();
            for (int i = 1; i < streams.length; i++) {
                int share = i;
                Thread t = new Thread(() -> {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    records[share] = read(share);
                    ownCpu[share] = THREADS.getCurrentThreadCpuTime() - c0; // it ends before the others are counted
                });
                t.start();
                others.add(t);
            }
            records[0] = read(0);
            for (Thread t : others) t.join();
            long t1 = System.nanoTime();
            long cpu = 0;
            for (long c : ownCpu) cpu += c;
            for (var c : javaThreadCpu().entrySet()) cpu += c.getValue() - cpu0.getOrDefault(c.getKey(), 0L);
            long n = 0;
            for (long r : records) n += r;
            return new double[] {n, (t1 - t0) / 1e6, cpu / 1e6};
        }

        private long read(int share) {
            long[] n = {0};
            try (EvtxStream.Batch batch = streams[share].batch()) {
                for (int c = 0; c < copies; c++) {
                    for (int f = share; f < files.size(); f += streams.length) {
                        Consumer<ChunkResult> count = r -> {
                            for (EvtxEvent e : r.events()) n[0] += e.fields().isEmpty() ? 0 : 1;
                        };
                        if (READ_BYTES != null) {
                            READ_BYTES.invoke(batch, "bench", files.get(f), count);
                        } else {
                            batch.read("bench", new ByteArrayInputStream(files.get(f)), count);
                        }
                    }
                }
                batch.finish();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return n[0];
        }
    }

    private static MethodHandle readBytes() {
        if ("1".equals(System.getenv("STREAM"))) return null;
        try {
            return MethodHandles.publicLookup().findVirtual(EvtxStream.Batch.class, "read",
                    MethodType.methodType(void.class, String.class, byte[].class, Consumer.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** CPU time of every live Java thread but the JIT compilers', by id. */
    private static Map<Long, Long> javaThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || t.getThreadName().contains("Compiler")) continue;
            long c = THREADS.getThreadCpuTime(t.getThreadId());
            if (c > 0) cpu.put(t.getThreadId(), c);
        }
        return cpu;
    }

    private static double median(List<double[]> l, int field) {
        double[] v = l.stream().mapToDouble(f -> f[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
