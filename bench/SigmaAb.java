import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (run by bench/sigma-ab.sh, not a test): two builds' Sigma engines in one JVM, each in its own class
 * loader, passes over the EVTX samples' events alternated so that both meet the same load; per build the median,
 * best and mean events per thread-CPU-second of a pass (each event met once, cold, as bench/sigma.sh's "Sigma
 * alone"), and the CPU of a second match of an event while its memory is still in cache (what matching itself costs);
 * and the median and quartiles of B's cold speed over A's within each round.
 * Usage: java bench/SigmaAb.java RUNNER_CLASSES RULES EVTX PASSES LIB_A LIB_B
 */
public final class SigmaAb {
    public static void main(String[] a) throws Exception {
        Path runner = Path.of(a[0]);
        int passes = Integer.parseInt(a[3]);
        Method[] pass = new Method[2];
        int n = 0;
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>(List.of(runner.toUri().toURL()));
            try (var s = Files.list(Path.of(a[4 + v]))) {
                for (Path j : s.filter(x -> x.toString().endsWith(".jar")).sorted().toList()) urls.add(j.toUri().toURL());
            }
            Class<?> r = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()).loadClass("SigmaAbRunner");
            System.out.println(name(v) + a[4 + v] + ": " + r.getMethod("setup", String.class, String.class).invoke(null, a[1], a[2]));
            pass[v] = r.getMethod("pass", int.class);
            n = (Integer) r.getMethod("events").invoke(null);
        }
        for (int w = 0; w < 10; w++) for (Method p : pass) p.invoke(null, 1);
        double[][] cold = new double[2][passes];
        double[][] hot = new double[2][passes / 4];
        for (int i = 0; i < passes; i++) {
            for (int k = 0; k < 2; k++) {
                int v = i % 2 == 0 ? k : 1 - k;
                cold[v][i] = (Long) pass[v].invoke(null, 1) / 1e9;
                // every fourth pass also matches each event twice in a row: the second match's CPU is the hot cost
                if (i % 4 == 0 && i / 4 < hot[v].length) hot[v][i / 4] = (Long) pass[v].invoke(null, 2) / 1e9 - cold[v][i];
            }
        }
        for (int v = 0; v < 2; v++) {
            double[] c = cold[v].clone();
            Arrays.sort(c);
            double[] h = hot[v].clone();
            Arrays.sort(h);
            int q = c.length / 4;
            System.out.printf("%s cold: median %,.0f events per CPU-second (quartiles %,.0f-%,.0f, best %,.0f, mean %,.0f); hot (the same event again): median %,.0f%n",
                    name(v), n / c[c.length / 2], n / c[c.length - 1 - q], n / c[q], n / c[0], n * c.length / Arrays.stream(c).sum(), n / h[h.length / 2]);
        }
        // each pass of B against A's in the same round: the two met about the same load, which drifts between rounds
        double[] ratio = new double[passes];
        for (int i = 0; i < passes; i++) ratio[i] = cold[0][i] / cold[1][i];
        Arrays.sort(ratio);
        System.out.printf("B's cold speed over A's, per round: median %.3f (quartiles %.3f-%.3f)%n", ratio[passes / 2], ratio[passes / 4], ratio[passes - 1 - passes / 4]);
        System.out.printf("%d passes of %d events each; load average %.1f%n", passes, n,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String name(int v) {
        return v == 0 ? "A " : "B ";
    }
}
