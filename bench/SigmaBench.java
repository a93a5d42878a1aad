import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.evtx.EvtxLog;
import dwell.formats.Formats;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.RuleLoader;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Benchmark (run by bench/sigma.sh, not a test): Sigma rules over EVTX files read {@code copies} times, in one
 * JVM: parse-only time, parse+Sigma time, their ratio and events/s; and Sigma alone over events in memory.
 * Usage: java -cp 'dwell-cli/target/lib/*' bench/SigmaBench.java RULES_DIR EVTX_DIR COPIES THREADS
 */
public final class SigmaBench {
    public static void main(String[] args) throws Exception {
        Path rulesDir = Path.of(args[0]);
        Path evtxDir = Path.of(args[1]);
        int copies = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        RuleSet set = new RuleLoader().load(List.of(rulesDir));
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        double loadS = (System.nanoTime() - t0) / 1e9;
        List<Path> files;
        try (Stream<Path> s = Files.walk(evtxDir)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        List<Path> input = new ArrayList<>();
        for (int i = 0; i < copies; i++) input.addAll(files);
        System.out.printf("rules: %d loaded (%d rejected), %d bound to event kinds, %d not run; compiled in %.1f s%n",
                set.rules().size(), set.rejected().size(), engine.branchCount(), engine.unmapped().size(), loadS);
        System.out.printf("input: %d EVTX files x %d copies, %d threads%n", files.size(), copies, threads);
        AtomicLong hits = new AtomicLong();
        Consumer<Event> parseOnly = e -> { };
        Consumer<Event> scan = e -> engine.match(e, (i, r) -> hits.incrementAndGet());
        // warm-up of both paths, two passes over the files each
        for (int i = 0; i < 2; i++) {
            run(files, threads, parseOnly);
            run(files, threads, scan);
        }
        // alternating rounds, so both paths see the same files, the same JIT state and similar load; the machine is
        // shared, so each figure is the median over the rounds and the ratio the median of the rounds' own ratios
        int rounds = 7;
        double[] parseWall = new double[rounds];
        double[] parseCpu = new double[rounds];
        double[] scanWall = new double[rounds];
        double[] scanCpu = new double[rounds];
        double[] ratioWall = new double[rounds];
        double[] ratioCpu = new double[rounds];
        long events = 0;
        for (int round = 0; round < rounds; round++) {
            long c = cpu();
            long s = System.nanoTime();
            events = run(input, threads, parseOnly);
            parseWall[round] = (System.nanoTime() - s) / 1e9;
            parseCpu[round] = (cpu() - c) / 1e9;
            hits.set(0);
            c = cpu();
            s = System.nanoTime();
            long scanned = run(input, threads, scan);
            scanWall[round] = (System.nanoTime() - s) / 1e9;
            scanCpu[round] = (cpu() - c) / 1e9;
            if (scanned != events) throw new IllegalStateException("parse-only read " + events + " events, parse+Sigma " + scanned);
            ratioWall[round] = scanWall[round] / parseWall[round];
            ratioCpu[round] = scanCpu[round] / parseCpu[round];
        }
        double pw = median(parseWall);
        double pc = median(parseCpu);
        double sw = median(scanWall);
        double sc = median(scanCpu);
        System.out.printf("events per round: %,d; rule matches per round: %,d; %d rounds, medians:%n", events, hits.get(), rounds);
        System.out.printf("                   wall          events/s (wall)   CPU           events per CPU-second%n");
        System.out.printf("parse only      : %6.2f s  %,12.0f      %6.2f s  %,12.0f%n", pw, events / pw, pc, events / pc);
        System.out.printf("parse + Sigma   : %6.2f s  %,12.0f      %6.2f s  %,12.0f%n", sw, events / sw, sc, events / sc);
        System.out.printf("ratio scan/parse: %6.2f (wall)  %6.2f (CPU)   [target <= 1.5]; per-round CPU ratios %s%n",
                median(ratioWall), median(ratioCpu), java.util.Arrays.toString(java.util.Arrays.stream(ratioCpu)
                        .map(x -> Math.round(x * 100) / 100.0).toArray()));
        System.out.printf("Sigma's share in the pipeline (median CPU difference): %.2f s CPU = %,.0f events per CPU-second%n",
                sc - pc, events / Math.max(1e-9, sc - pc));
        // Sigma alone: the same events held in memory, one thread, after warm-up passes (JIT compiled, groups built)
        List<Event> memory = new ArrayList<>();
        run(files, 1, memory::add);
        for (Event e : memory) e.raw();
        // warm-up until C2 has settled: ~40 passes (~2-3 s of matching); each measured pass then timed alone by the
        // thread's own CPU clock, so other processes' load shows as spread, not as a shifted total
        int warm = 40;
        for (int i = 0; i < warm; i++) for (Event e : memory) engine.match(e, (x, r) -> { });
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int loops = Math.max(30, copies * 15);
        double[] rate = new double[loops];
        long[] m = new long[1];
        long s = System.nanoTime();
        double cpuS = 0;
        for (int i = 0; i < loops; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (Event e : memory) engine.match(e, (x, r) -> m[0]++);
            double c = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            cpuS += c;
            rate[i] = memory.size() / c;
        }
        double matchS = (System.nanoTime() - s) / 1e9;
        long n = (long) memory.size() * loops;
        double[] sorted = rate.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("Sigma alone (%,d events in memory x %d passes after %d warm-up passes, 1 thread, %,d rule matches):%n",
                memory.size(), loops, warm, m[0]);
        System.out.printf("                 %6.2f s wall = %,12.0f events/s      %6.2f s CPU = %,12.0f events per CPU-second%n",
                matchS, n / matchS, cpuS, n / cpuS);
        System.out.printf("  per pass (thread CPU): median %,.0f events per CPU-second, quartiles %,.0f-%,.0f (spread %.0f%% of the median), range %,.0f-%,.0f%n",
                median(rate), sorted[loops / 4], sorted[(3 * loops) / 4],
                100 * (sorted[(3 * loops) / 4] - sorted[loops / 4]) / median(rate), sorted[0], sorted[loops - 1]);
        // the same, the events split among the threads (as a scan runs): what the machine does, not one core
        int per = (memory.size() + threads - 1) / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long pn = 0;
            long ps = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Event> part = memory.subList(Math.min(memory.size(), t * per), Math.min(memory.size(), (t + 1) * per));
                parts.add(pool.submit(() -> {
                    long k = 0;
                    for (int i = 0; i < loops; i++) {
                        for (Event e : part) {
                            engine.match(e, (x, r) -> { });
                            k++;
                        }
                    }
                    return k;
                }));
            }
            for (Future<Long> f : parts) pn += f.get();
            double pS = (System.nanoTime() - ps) / 1e9;
            System.out.printf("Sigma alone, %d threads: %,d events in %.2f s wall = %,.0f events/s%n", threads, pn, pS, pn / pS);
        } finally {
            pool.shutdown();
        }
        System.out.println("                 [issue 20 target: >= 200,000 events per CPU-second, Sigma alone, 1 thread]");
        System.out.printf("machine: %d cores, load average %.1f (a shared machine: CPU-time figures are the steady ones)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** CPU time of the whole process (all threads), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long run(List<Path> files, int threads, Consumer<Event> consumer) throws Exception {
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Path f : files) {
                fs.add(pool.submit(() -> {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                        Formats.of(EvtxLog.ID).read(f.toString(), in, new EventSink() {
                            @Override
                            public void event(Event event) {
                                count.incrementAndGet();
                                consumer.accept(event);
                            }

                            @Override
                            public void unreadable(long position, String reason) {
                            }
                        });
                    } catch (IOException e) {
                        // a broken sample counts what it gave
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        return count.get();
    }
}
