import dwell.evidence.ItemDigests;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The evidence's SHA-256 as a scan hashes it, by the JDK's code and by the digests a large walk uses (NSS through the
 * JDK's PKCS#11 provider where it loads), side by side in one JVM: the provider's start once, then ROUNDS alternating
 * passes over every file under DIR, each pass's thread CPU and wall time, and whether the digests agree. Run it as a
 * small scan runs (C1 alone), from a built tree:
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "dwell-cli/target/dwell-cli.jar:dwell-cli/target/lib/*"
 *   bench/ItemDigestBench.java ../shared/corpora/evtx-attack-samples 3
 */
public class ItemDigestBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private interface Digests {
        MessageDigest create() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        int rounds = Integer.parseInt(args[1]);
        long c = THREADS.getCurrentThreadCpuTime(), w = System.nanoTime();
        ItemDigests large = ItemDigests.forEvidence(ItemDigests.NATIVE_FROM);
        System.out.printf("%-28s wall %6.3f s cpu %6.3f s (native: %s)%n", "start of the large walk's", (System.nanoTime() - w) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - c) / 1e9, large.isNative());
        for (int r = 0; r < rounds; r++) {
            String jdk = pass("JDK (MessageDigest default)", files, () -> MessageDigest.getInstance("SHA-256"));
            String walk = pass("large walk's (ItemDigests)", files, large::create);
            System.out.println(jdk.equals(walk) ? "-- digests agree" : "-- DIGESTS DIFFER");
        }
    }

    /** Hashes every file with a fresh digest each, as the catalog does; returns the digests, joined. */
    private static String pass(String name, List<Path> files, Digests digests) throws Exception {
        byte[] buf = new byte[65536];
        StringBuilder all = new StringBuilder();
        long bytes = 0;
        long c = THREADS.getCurrentThreadCpuTime(), w = System.nanoTime();
        for (Path f : files) {
            MessageDigest md = digests.create();
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) >= 0; bytes += n) md.update(buf, 0, n);
            }
            all.append(HexFormat.of().formatHex(md.digest())).append('\n');
        }
        System.out.printf("%-28s wall %6.3f s cpu %6.3f s, %d files, %.1f MB%n", name, (System.nanoTime() - w) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - c) / 1e9, files.size(), bytes / 1e6);
        return all.toString();
    }
}
