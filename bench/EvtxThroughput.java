import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * In-process throughput of dwell's EVTX reader once the JIT has warmed up: every file of a directory is held
 * in memory and read PASSES times through one EvtxStream batch per pass (events with all fields built, no
 * output; with THREADS > 1 chunks of all files are parsed in parallel), with the
 * last half of the passes measured. Run by bench/evtx.sh: java -cp CLASSPATH EvtxThroughput.java DIR THREADS PASSES
 */
public class EvtxThroughput {
    public static void main(String[] args) throws Exception {
        List<byte[]> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList()) {
                byte[] b = Files.readAllBytes(p); // benchmark input, read once so that disk time stays out
                files.add(b);
                bytes += b.length;
            }
        }
        int threads = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        EvtxStream stream = new EvtxStream(threads);
        long records = 0;
        long wall = 0;
        long cpu = 0;
        for (int pass = 0; pass < passes; pass++) {
            long[] n = {0};
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            // one batch per pass: chunks of all files in flight together, delivered in file order
            try (EvtxStream.Batch batch = stream.batch()) {
                for (byte[] b : files) {
                    batch.read("bench", new ByteArrayInputStream(b), r -> {
                        for (EvtxEvent e : r.events()) n[0] += e.fields().isEmpty() ? 0 : 1;
                    });
                }
                batch.finish();
            }
            if (pass >= passes / 2) {
                wall += System.nanoTime() - t0;
                cpu += os.getProcessCpuTime() - c0;
                records += n[0];
            }
        }
        int measured = passes - passes / 2;
        System.out.printf("%d %d %.3f %.3f%n", records, bytes * measured, wall / 1e9, cpu / 1e9);
    }
}
