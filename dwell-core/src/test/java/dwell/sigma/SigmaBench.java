package dwell.sigma;

import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.Format;
import dwell.format.Readers;
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
 * Usage: SigmaBench RULES_DIR EVTX_DIR COPIES THREADS
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
        // warm-up of both paths on one copy
        run(files, threads, parseOnly);
        run(files, threads, scan);
        double bestParse = Double.MAX_VALUE;
        double bestScan = Double.MAX_VALUE;
        long events = 0;
        for (int round = 0; round < 3; round++) {
            long s = System.nanoTime();
            events = run(input, threads, parseOnly);
            bestParse = Math.min(bestParse, (System.nanoTime() - s) / 1e9);
            hits.set(0);
            s = System.nanoTime();
            run(input, threads, scan);
            bestScan = Math.min(bestScan, (System.nanoTime() - s) / 1e9);
        }
        System.out.printf("events: %,d; rule matches: %,d%n", events, hits.get());
        System.out.printf("parse only      : %6.2f s  %,10.0f events/s%n", bestParse, events / bestParse);
        System.out.printf("parse + Sigma   : %6.2f s  %,10.0f events/s%n", bestScan, events / bestScan);
        System.out.printf("ratio scan/parse: %6.2f%n", bestScan / bestParse);
        List<Event> memory = new ArrayList<>();
        run(files, 1, memory::add);
        for (Event e : memory) e.raw();
        long s = System.nanoTime();
        long n = 0;
        int loops = Math.max(1, copies);
        for (int i = 0; i < loops; i++) {
            for (Event e : memory) {
                engine.match(e, (x, r) -> { });
                n++;
            }
        }
        double matchS = (System.nanoTime() - s) / 1e9;
        System.out.printf("Sigma alone (events in memory, 1 thread): %,d events in %.2f s = %,.0f events/s%n", n, matchS, n / matchS);
    }

    private static long run(List<Path> files, int threads, Consumer<Event> consumer) throws Exception {
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Path f : files) {
                fs.add(pool.submit(() -> {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                        Readers.forFormat(Format.EVTX).read(f.toString(), in, new EventSink() {
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
