import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The EVTX reader of two trees side by side in one JVM, for before/after figures on a loaded machine: each tree's
 * classes in a class loader of their own, one pass over the corpus (one thread, events with all their fields, no
 * output) of one tree, then of the other, alternating which goes first, WARMUP pairs untimed and then PAIRS timed.
 * Both trees meet the same load from moment to moment, so the ratio of their CPU times pair by pair is steadier than
 * runs of separate JVMs (bench/EvtxThroughput.java's passes are 0.25 s, measured to 0.01 s). The two trees share
 * the JDK's compiled methods and their type profiles, which can favour either by a few percent: on the idle machine
 * this gave 1.11 where alternating JVMs (EvtxThroughput, the corpus x20 a pass) gave 1.02-1.12, median 1.08.
 * Run by bench/evtx-ab.sh: java EvtxReaderAb.java DIR BEFORE_TREE THIS_TREE [PAIRS] [WARMUP]
 * Prints per tree the median, first and third quartile of the reading thread's CPU milliseconds a pass, and the
 * median (quartiles) of before/this CPU pair by pair: above 1, this tree reads faster.
 */
public class EvtxReaderAb {
    public static void main(String[] args) throws Exception {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) files.add(Files.readAllBytes(p));
        }
        String[] trees = {args[1], args[2]};
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        Reader[] readers = {new Reader(Path.of(trees[0])), new Reader(Path.of(trees[1]))};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        long[] chunks = new long[2];
        for (int pair = -warmup; pair < pairs; pair++) {
            for (int k = 0; k < 2; k++) {
                int t = (pair & 1) == 0 ? k : 1 - k;
                long c0 = threads.getCurrentThreadCpuTime();
                chunks[t] = readers[t].pass(files);
                long c1 = threads.getCurrentThreadCpuTime();
                if (pair >= 0) cpu.get(t).add((c1 - c0) / 1e6);
            }
        }
        if (chunks[0] != chunks[1]) throw new IllegalStateException("the trees delivered " + chunks[0] + " and " + chunks[1] + " chunk results");
        String[] names = {"before", "this"};
        for (int t = 0; t < 2; t++) {
            double[] q = quartiles(cpu.get(t));
            System.out.printf("%-6s %s: %.2f ms CPU a pass (quartiles %.2f-%.2f), %d pairs after %d untimed%n", names[t], trees[t], q[1], q[0], q[2], pairs, warmup);
        }
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < pairs; i++) ratio.add(cpu.get(0).get(i) / cpu.get(1).get(i));
        double[] q = quartiles(ratio);
        System.out.printf("before/this CPU, pair by pair: %.3f (quartiles %.3f-%.3f)%n", q[1], q[0], q[2]);
    }

    private static double[] quartiles(List<Double> values) {
        List<Double> l = new ArrayList<>(values);
        Collections.sort(l);
        return new double[] {l.get(l.size() / 4), l.get(l.size() / 2), l.get(3 * l.size() / 4)};
    }

    /** A tree's EvtxStream with one thread, reached by reflection through the tree's own class loader. */
    private static final class Reader {
        private final Object stream;
        private final Method batch;
        private final Method read;
        private final Method finish;
        private final Method close;

        Reader(Path tree) throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(tree.resolve("dwell-core/target/classes").toUri().toURL());
            try (Stream<Path> s = Files.list(tree.resolve("dwell-cli/target/lib"))) {
                // the tree's own dwell jars stay out: its classes above are the code measured
                for (Path p : s.filter(p -> !p.getFileName().toString().startsWith("dwell-")).sorted().toList()) urls.add(p.toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> streamClass = loader.loadClass("dwell.format.evtx.EvtxStream");
            stream = streamClass.getConstructor(int.class).newInstance(1);
            batch = streamClass.getMethod("batch");
            Class<?> batchClass = loader.loadClass("dwell.format.evtx.EvtxStream$Batch");
            read = batchClass.getMethod("read", String.class, InputStream.class, Consumer.class);
            finish = batchClass.getMethod("finish");
            close = batchClass.getMethod("close");
        }

        /** Reads the corpus once (the stream works out every event's fields as it parses); returns the chunk results. */
        long pass(List<byte[]> files) throws Exception {
            Object b = batch.invoke(stream);
            long[] n = {0};
            Consumer<Object> count = chunk -> n[0]++;
            for (byte[] f : files) read.invoke(b, "bench", new ByteArrayInputStream(f), count);
            finish.invoke(b);
            close.invoke(b);
            return n[0];
        }
    }
}
