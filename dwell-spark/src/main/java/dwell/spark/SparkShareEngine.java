package dwell.spark;

import dwell.scan.ScanRequest;
import dwell.scan.ShareEngine;
import dwell.scan.ShareRunner;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/** The Spark engine the command line finds with --spark: a session on the master named, dwell's jars shipped to it. */
public final class SparkShareEngine implements ShareEngine {
    @Override
    public ShareRunner open(String master, ScanRequest request) {
        SparkConf conf = new SparkConf().setAppName("dwell scan");
        // spark-submit names the master itself (and ships the application jar); ./dwell --spark names it here
        if (!master.equals(Submit.SUBMITTED)) {
            conf.setMaster(master);
            if (!conf.contains("spark.jars")) conf.set("spark.jars", String.join(",", dwellJars()));
        }
        if (!conf.get("spark.master", "local").startsWith("local")) requireAbsolute(request);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.memory", "1g");
        return new SparkShares(SparkSession.builder().config(conf).getOrCreate(), ShareSpec.of(request));
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

    /** The jars of this JVM's class path that are not Spark's own: what an executor needs to run dwell's tasks. */
    static List<String> dwellJars() {
        Path spark = folderOf(SparkContext.class);
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar") && (spark == null || !spark.equals(p.getParent()))) jars.add(p.toUri().toString());
        }
        return jars;
    }

    private static Path folderOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
