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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * In-process throughput of dwell's EVTX reader with 1 and with 2 threads, in one JVM so that both run the same
 * JIT-compiled code: every file of a directory is held in memory; a pass reads the corpus COPIES times through
 * one EvtxStream batch (events with all fields built on the parsing threads, counted on the reading thread, no
 * output), so that a pass lasts long enough for thread hand-offs at its ends not to matter. Passes with 1 and 2
 * threads alternate: first for at least WARMUP seconds and until the JIT compilers are done (both code paths),
 * then ROUNDS timed rounds, of
 * which the median wall time per mode is reported, so that load from other processes hits both modes alike.
 * Also prints each thread's CPU time (the reading thread, which parses too rather than wait; the stream's pool
 * threads; the rest: GC and JIT) and the speed-up a
 * pure arithmetic loop gets from a second thread on this machine (the ceiling for any parallel code here).
 * Files are read from their bytes (Batch.read of a byte[]: each chunk copied by the thread that parses it) where the
 * tree has that, else (or with STREAM=1) from a ByteArrayInputStream (chunks read on the calling thread).
 * Run by bench/evtx.sh: java -cp CLASSPATH EvtxThroughput.java DIR [ROUNDS] [COPIES] [WARMUP]
 * Output, one line per mode: threads records bytes wall_s cpu_s reading_thread_cpu_s pool_threads_cpu_s
 * other_cpu_s jit_s (medians over the timed rounds; jit_s: time the JIT compilers spent during a pass); then a
 * line "ceiling X".
 */
public class EvtxThroughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Batch.read(String, byte[], Consumer), or null where the tree reads only streams (or STREAM=1). */
    private static final MethodHandle READ_BYTES = readBytes();

    public static void main(String[] args) throws Throwable {
        List<byte[]> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) {
                byte[] b = Files.readAllBytes(p); // benchmark input, read once so that disk time stays out
                files.add(b);
                bytes += b.length;
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 8;
        int[] modes = {1, 2};
        EvtxStream[] streams = {new EvtxStream(1), new EvtxStream(2)};

        // warm up for WARMUP seconds and then until the JIT compilers go quiet (a loaded machine starves them),
        // at most a minute: measuring code that is still being compiled measures the compilers
        var jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        while (true) {
            long j0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            for (EvtxStream s : streams) pass(s, files, copies); // the very code the timed passes run (OSR too)
            double round = (System.nanoTime() - t0) / 1e6;
            double compiling = jit.getTotalCompilationTime() - j0;
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= 60 || elapsed >= warmup && compiling < 0.02 * round) break;
        }
        System.err.printf("warm-up %.1f s%n", (System.nanoTime() - start) / 1e9);

        Map<Integer, List<double[]>> timed = new HashMap<>();
        long[] records = new long[modes.length];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < modes.length; m++) {
                // alternate which mode goes first, so that neither always follows the other
                int i = r % 2 == 0 ? m : modes.length - 1 - m;
                double[] f = pass(streams[i], files, copies);
                if (records[i] != 0 && records[i] != (long) f[0]) throw new IllegalStateException("record counts differ between passes");
                records[i] = (long) f[0];
                timed.computeIfAbsent(modes[i], k -> new ArrayList<>()).add(f);
            }
        }
        if (records[0] != records[1]) throw new IllegalStateException("1 and 2 threads counted " + records[0] + " and " + records[1] + " records");
        for (int i = 0; i < modes.length; i++) {
            List<double[]> l = timed.get(modes[i]);
            System.out.printf("%d %d %d %.3f %.3f %.3f %.3f %.3f %.3f%n", modes[i], records[i], bytes * copies,
                    median(l, 1), median(l, 2), median(l, 3), median(l, 4), median(l, 2) - median(l, 3) - median(l, 4), median(l, 5));
        }
        System.out.printf("ceiling %.2f%n", ceiling());
    }

    /** One batch over the corpus COPIES times: {records, wall, process cpu, reading thread cpu, pool threads cpu, jit}. */
    private static double[] pass(EvtxStream stream, List<byte[]> files, int copies) throws Throwable {
        long[] n = {0};
        Map<Long, Long> workers0 = workerCpu();
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        long m0 = THREADS.getCurrentThreadCpuTime();
        long j0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        try (EvtxStream.Batch batch = stream.batch()) {
            for (int c = 0; c < copies; c++) {
                for (byte[] b : files) {
                    Consumer<ChunkResult> count = r -> {
                        for (EvtxEvent e : r.events()) n[0] += e.fields().isEmpty() ? 0 : 1;
                    };
                    if (READ_BYTES != null) {
                        READ_BYTES.invoke(batch, "bench", b, count);
                    } else {
                        batch.read("bench", new ByteArrayInputStream(b), count);
                    }
                }
            }
            batch.finish();
        }
        long m1 = THREADS.getCurrentThreadCpuTime();
        long j1 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long c1 = OS.getProcessCpuTime();
        long t1 = System.nanoTime();
        long workers = 0;
        for (Map.Entry<Long, Long> w : workerCpu().entrySet()) workers += w.getValue() - workers0.getOrDefault(w.getKey(), 0L);
        return new double[] {n[0], (t1 - t0) / 1e9, (c1 - c0) / 1e9, (m1 - m0) / 1e9, workers / 1e9, (j1 - j0) / 1e3};
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

    /** CPU time of the stream's pool threads, by thread id. */
    private static Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("dwell-evtx")) cpu.put(t.getThreadId(), THREADS.getThreadCpuTime(t.getThreadId()));
        }
        return cpu;
    }

    private static double median(List<double[]> l, int field) {
        double[] v = l.stream().mapToDouble(f -> f[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** How much more arithmetic two threads do per wall second than one here (2.0 on two idle cores). */
    private static double ceiling() throws Exception {
        long n = 300_000_000L;
        spin(n / 10); // compile it first
        long t0 = System.nanoTime();
        long sink = spin(n);
        long one = System.nanoTime() - t0;
        long[] out = new long[2];
        Thread a = new Thread(() -> out[0] = spin(n));
        Thread b = new Thread(() -> out[1] = spin(n));
        t0 = System.nanoTime();
        a.start();
        b.start();
        a.join();
        b.join();
        long two = System.nanoTime() - t0;
        if ((sink ^ out[0] ^ out[1]) == 42) System.err.println(); // keeps the loops from being optimised away
        return 2.0 * one / two;
    }

    private static long spin(long n) {
        long x = 1;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 17;
        }
        return x;
    }
}
