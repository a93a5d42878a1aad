import dwell.yara.YaraRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds and runs dwell's three Aho-Corasick automata through their public entry points, one JVM, single thread:
 * the IOC matcher over 100,000 generated URL, domain and user-agent patterns, Sigma's prefilter over every literal
 * value of the SigmaHQ rules, YARA's rule compilation (atoms and automaton) of signature-base's web-shell rules.
 * Texts: the IIS logs of examples/, read again until about 40 MB have gone by. Prints the median of 7 runs after 3
 * warm-up runs of each figure (process CPU time), and each scan's hit count, which must not differ between two builds.
 * One part a JVM (ioc, sigma or yara), so that neither the JIT compilers' nor the collector's state of one part
 * weighs on another. Usage: java -cp 'dwell-cli/target/lib/*' bench/AutomataBench.java ioc|sigma|yara CORPORA EXAMPLES
 */
public class AutomataBench {
    public static void main(String[] args) throws Exception {
        String part = args[0];
        Path corpora = Path.of(args[1]);
        List<String> lines = logLines(Path.of(args[2]));
        long chars = 0;
        for (String l : lines) chars += l.length();
        int passes = (int) Math.max(1, 40_000_000 / chars);
        double mb = chars * (double) passes / 1e6;

        switch (part) {
            case "ioc" -> ioc(lines, passes, mb);
            case "sigma" -> sigma(corpora, lines, passes, mb);
            case "yara" -> yara(corpora);
            default -> throw new IllegalArgumentException("part: ioc, sigma or yara, not " + part);
        }
    }

    static void ioc(List<String> lines, int passes, double mb) throws Exception {
        List<String> iocPatterns = iocPatterns(100_000);
        dwell.ioc.AhoCorasick[] ioc = new dwell.ioc.AhoCorasick[1];
        double iocBuild = median(() -> {
            dwell.ioc.AhoCorasick.Builder b = new dwell.ioc.AhoCorasick.Builder();
            iocPatterns.forEach(b::add);
            ioc[0] = b.build();
        });
        long iocHeap = retained(() -> {
            dwell.ioc.AhoCorasick.Builder b = new dwell.ioc.AhoCorasick.Builder();
            iocPatterns.forEach(b::add);
            return b.build();
        });
        long[] iocHits = new long[1];
        double iocScan = median(() -> {
            iocHits[0] = 0;
            for (int p = 0; p < passes; p++) for (String l : lines) ioc[0].scan(l, (pattern, end) -> iocHits[0]++);
        });

        System.out.printf(Locale.ROOT, "ioc: build %.1f ms CPU (%d patterns, %.1f MB of heap), scan %.1f MB per CPU-s (%d hits)%n", iocBuild, iocPatterns.size(), iocHeap / 1e6, mb / iocScan * 1000, iocHits[0]);
    }

    static void sigma(Path corpora, List<String> lines, int passes, double mb) throws Exception {
        List<String> literals = sigmaLiterals(corpora.resolve("sigma/rules"));
        dwell.sigma.AhoCorasick[] sigma = new dwell.sigma.AhoCorasick[1];
        double sigmaBuild = median(() -> sigma[0] = new dwell.sigma.AhoCorasick(literals));
        long[] sigmaHits = new long[1];
        double sigmaScan = median(() -> {
            sigmaHits[0] = 0;
            for (int p = 0; p < passes; p++) for (String l : lines) sigma[0].scan(l, lit -> sigmaHits[0]++);
        });
        List<String> longLiterals = literals.stream().filter(l -> l.length() >= 4).toList();
        dwell.sigma.AhoCorasick skipping = new dwell.sigma.AhoCorasick(longLiterals);
        long[] findHits = new long[1];
        double sigmaFind = median(() -> {
            findHits[0] = 0;
            for (int p = 0; p < passes; p++) for (String l : lines) skipping.find(l, lit -> findHits[0]++);
        });

        System.out.printf(Locale.ROOT, "sigma: build %.1f ms CPU (%d literals), scan %.1f MB per CPU-s (%d hits), find %.1f MB per CPU-s (%d literals of 4+, %d hits)%n",
                sigmaBuild, literals.size(), mb / sigmaScan * 1000, sigmaHits[0], mb / sigmaFind * 1000, longLiterals.size(), findHits[0]);
    }

    static void yara(Path corpora) throws Exception {
        List<Path> rules = new ArrayList<>();
        for (String r : new String[] {"thor-webshells.yar", "gen_webshells.yar", "apt_hafnium.yar", "cn_pentestset_webshells.yar",
                "gen_cn_webshells.yar", "apt_laudanum_webshells.yar", "expl_proxyshell.yar", "apt_webshell_chinachopper.yar",
                "gen_webshell_csharp.yar"}) {
            rules.add(corpora.resolve("signature-base/yara").resolve(r));
        }
        int[] states = new int[1];
        double yaraCompile = median(() -> states[0] = YaraRules.compile(rules, Map.of()).automatonStates());

        System.out.printf(Locale.ROOT, "yara: compile %.1f ms CPU (9 rule files, %d automaton states)%n", yaraCompile, states[0]);
    }

    /** Heap bytes the built object keeps (used heap after full collections, with it against without it). */
    static long retained(java.util.function.Supplier<Object> make) {
        long before = used();
        Object kept = make.get();
        long after = used();
        if (kept.hashCode() == 42) System.out.print("");
        return after - before;
    }

    static long used() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    interface Run {
        void run() throws Exception;
    }

    /**
     * Median CPU milliseconds of 7 runs after 3 warm-up runs: the process's CPU time, all threads (YARA compiles
     * rules in parallel; the JIT compilers and the collector count too), not wall time, the machine may be shared.
     */
    static double median(Run r) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 3; i++) r.run();
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = os.getProcessCpuTime();
            r.run();
            t[i] = (os.getProcessCpuTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    static List<String> logLines(Path examples) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(examples)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                out.addAll(Arrays.asList(Files.readString(f, StandardCharsets.UTF_8).split("\n")));
            }
        }
        return out;
    }

    /** Web-shell URL paths, domains and user agents, as an advisory's IOC list holds them. */
    static List<String> iocPatterns(int n) {
        Random r = new Random(26855);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = word(r, 4 + r.nextInt(8));
            out.add(switch (i % 3) {
                case 0 -> "/aspnet_client/" + word(r, 6) + "/" + w + ".aspx";
                case 1 -> w + "." + word(r, 5) + ".com";
                default -> "Mozilla/5.0 (" + w + "; " + word(r, 3) + ")";
            });
        }
        return out;
    }

    static String word(Random r, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }

    /** Every quoted value of the rules' detections, lower case, wildcards removed, ASCII only, distinct. */
    static List<String> sigmaLiterals(Path rules) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Pattern value = Pattern.compile("^\\s+(?:- )?(?:[\\w|.-]+: )?'([^']{2,})'", Pattern.MULTILINE);
        try (Stream<Path> s = Files.walk(rules)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                Matcher m = value.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String v = m.group(1).toLowerCase(Locale.ROOT).replace("*", "").replace("?", "");
                    if (v.length() >= 2 && v.chars().allMatch(c -> c < 128)) out.add(v);
                }
            }
        }
        return new ArrayList<>(out);
    }
}
