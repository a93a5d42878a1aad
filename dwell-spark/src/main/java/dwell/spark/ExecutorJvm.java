package dwell.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;

/** The JVM options dwell gives a cluster's executors (Spark's {@code spark.executor.defaultJavaOptions}). */
final class ExecutorJvm {
    /** A class-data archive the executors map if they can read it and it matches their class path and JDK. */
    static final String ARCHIVE = "spark.dwell.executor.classArchive";
    /** True: the executors compile with C1 alone (their evidence is small: C2's compilations would cost more than they save). */
    static final String C1 = "spark.dwell.executor.c1";
    /** The JIT's directives file the executors read (dwell-spark/executor-directives.json): C2 leaves their start-up code to C1. */
    static final String DIRECTIVES = "spark.dwell.executor.compilerDirectives";
    private static final String DEFAULTS = "spark.executor.defaultJavaOptions";
    private static final String EXTRA = "spark.executor.extraJavaOptions";

    private ExecutorJvm() {
    }

    /**
     * The parallel collector, unless the executors' options name a collector: a task's hunt is one batch, where G1's
     * barriers and concurrent work cost CPU and its short pauses buy nothing. The archive named by {@value #ARCHIVE},
     * unless they name one: a JVM that cannot read it, or whose class path or JDK differ from the archive's, starts
     * without it, silently ({@code -Xlog:cds=off}), so an executor elsewhere runs as before. C1 alone when {@value #C1}
     * says so and the executors' options do not name the tiers. The directives file named by {@value #DIRECTIVES}, unless
     * they name one: unlike the archive it must exist where each executor starts, or the executor's JVM does not start,
     * so {@code ./dwell} names it only to a cluster on its own machine. All left alone when the
     * cluster's own defaults (spark-defaults.conf, --conf) set {@code spark.executor.defaultJavaOptions}.
     */
    static void configure(SparkConf conf) {
        if (conf.contains(DEFAULTS)) return;
        String extra = conf.get(EXTRA, "");
        List<String> options = new ArrayList<>();
        if (!extra.contains("GC")) options.add("-XX:+UseParallelGC");
        String archive = conf.get(ARCHIVE, "").strip();
        if (!archive.isEmpty() && !extra.contains("SharedArchiveFile")) {
            options.add(quoted("-XX:SharedArchiveFile=" + archive));
            options.add("-Xlog:cds=off");
            options.add("-Xlog:cds+dynamic=off");
        }
        if (conf.getBoolean(C1, false) && !extra.contains("Tiered")) options.add("-XX:TieredStopAtLevel=1");
        String directives = conf.get(DIRECTIVES, "").strip();
        if (!directives.isEmpty() && !extra.contains("CompilerDirectivesFile")) {
            options.add("-XX:+UnlockDiagnosticVMOptions");
            options.add(quoted("-XX:CompilerDirectivesFile=" + directives));
        }
        if (!options.isEmpty()) conf.set(DEFAULTS, String.join(" ", options));
    }

    /** One option however many spaces its value holds, as Spark splits the options string (quotes group). */
    private static String quoted(String option) {
        return option.chars().anyMatch(Character::isWhitespace) ? "\"" + option.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : option;
    }
}
