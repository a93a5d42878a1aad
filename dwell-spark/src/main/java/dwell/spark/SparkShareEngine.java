package dwell.spark;

import dwell.scan.ScanRequest;
import dwell.scan.ShareEngine;
import dwell.scan.ShareRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * The Spark engine the command line finds with --spark: a session on the master named, dwell's jars shipped to it, started
 * beside the driver's own work ({@link SessionStart}).
 */
public final class SparkShareEngine implements ShareEngine {
    private static final String EXTRA_CLASS_PATH = "spark.executor.extraClassPath";
    private static final String EXTRA_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    private static final String SPARK_LOGGING = "-Dlog4j2.configurationFile=org/apache/spark/log4j2-defaults.properties";

    @Override
    public ShareRunner open(String master, ScanRequest request) {
        JavaRuntimeCheck.require();
        SparkConf conf = new SparkConf().setAppName("dwell scan");
        // spark-submit names the master itself (and ships the application jar); ./dwell --spark names it here
        if (!master.equals(Submit.SUBMITTED)) {
            conf.setMaster(master);
            // local[N] runs the tasks in this JVM, which has dwell's classes: shipping its jars only copied 92 MB to a
            // temporary folder for a second class loader to find there what the first one had
            if (!inThisJvm(master) && !conf.contains("spark.jars")) shipJars(conf, onThisMachine(master));
        }
        if (!conf.get("spark.master", "local").startsWith("local")) requireAbsolute(request);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.memory", "1g");
        ExecutorJvm.configure(conf);
        return new SparkShares(SessionStart.of(master, conf), ShareSpec.of(request));
    }

    /**
     * dwell's jars for the executors: read where they lie when the cluster is on this machine and the class-data archive
     * named to its executors was dumped for them ({@link ExecutorClassPath}), else fetched by each executor
     * ({@code spark.jars}).
     */
    private static void shipJars(SparkConf conf, boolean onThisMachine) {
        List<String> jars = ExecutorJars.ofThisJvm();
        String archive = conf.get(ExecutorJvm.ARCHIVE, "").strip();
        var local = !onThisMachine || archive.isEmpty() || conf.contains(EXTRA_CLASS_PATH) ? Optional.<String>empty()
                : ExecutorClassPath.of(Path.of(archive), jars);
        if (local.isPresent()) {
            conf.set(EXTRA_CLASS_PATH, local.get());
            // dwell's jars ahead of Spark's would give the executors dwell's log4j2.properties (the driver's quiet console):
            // their logs in the workers' folders stay Spark's default INFO lines
            String extra = conf.get(EXTRA_JAVA_OPTIONS, "");
            if (!extra.contains("log4j2.configurationFile")) conf.set(EXTRA_JAVA_OPTIONS, (extra + " " + SPARK_LOGGING).strip());
        } else {
            conf.set("spark.jars", String.join(",", jars));
        }
    }

    /**
     * Executors elsewhere run in folders of their own, where a relative path names another file (or none): the evidence a
     * share's hunt reads must be absolute (or a Hadoop URI). It is not made so here, as the outputs show the paths as
     * given. The Sigma rules, mappings, placeholders and exclusions are read by every executor at the driver's paths; the
     * IOC feeds and YARA rules on the driver alone ({@link RuleFiles}).
     */
    static void requireAbsolute(ScanRequest request) {
        List<Path> read = new ArrayList<>(request.evidence());
        read.addAll(request.rules().sigma());
        read.addAll(request.rules().mappings());
        read.addAll(request.rules().placeholders());
        read.addAll(request.pivot().exclude());
        for (Path p : read) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException(p + " is a relative path, which the cluster's executors cannot resolve: "
                        + "give the evidence (or hdfs:// or s3a:// URIs) and the Sigma rules, mappings, placeholders and "
                        + "exclusions as absolute paths their machines all read");
            }
        }
    }

    /** True for a standalone master on the loopback address, whose workers can only be on this machine. */
    static boolean onThisMachine(String master) {
        return master.startsWith("spark://127.0.0.1:") || master.startsWith("spark://localhost:");
    }

    /** True for a master whose tasks run in the driver's JVM ({@code local}, {@code local[N]}, {@code local[N,F]}, {@code local[*]}). */
    static boolean inThisJvm(String master) {
        return master.equals("local") || master.startsWith("local[");
    }
}
