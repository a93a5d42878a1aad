package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.cli.Dwell;
import dwell.testkit.TrafficLogs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./dwell scan --spark, in local[2] and on a real two-worker standalone cluster (tools/spark-standalone.sh), and the
 * application jar through spark-submit, against the local engine on the same command line: the same findings.jsonl
 * byte for byte, the same incidents and inventory, the same case tables; and evidence on HDFS (a MiniDFSCluster on
 * 127.0.0.1) against the same files on disk, with rules only the driver reads and the Parquet tables read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkScanIT {
    /** The case's tables compared (runs holds the run's own time and arguments). */
    private static final List<String> CASE_TABLES = List.of("findings", "incidents", "indicators", "items", "exposure", "impact");
    /** summary.json's sections the shares' parts make (counts, the feeds' statistics, log coverage, traffic series). */
    private static final List<String> SUMMARY = List.of("findings", "by_level", "by_detector", "items", "events", "iocs", "exchange", "traffic");

    @TempDir
    Path tmp;
    private String master;
    private Map<String, String> clusterEnv;
    private MiniHdfs hdfs;
    private S3Server s3;
    private Path localExamples;

    @BeforeAll
    void startCluster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        clusterEnv = Map.of("SPARK_MASTER_PORT", String.valueOf(port), "DWELL_SPARK_DIR",
                Dwell.root().resolve("dwell-spark/target/standalone-it").toString());
        // ./dwell builds first if its sources are newer than its jar: the executors' archive is dumped for the jars the
        // scans then run (a build after the dump would leave the executors without it)
        assertEquals(0, Dwell.run("--version").exit());
        Dwell.Result r = script("start", "2");
        assertEquals(0, r.exit(), r.err());
        master = r.out().strip();
        assertEquals("spark://127.0.0.1:" + port, master);
    }

    @AfterAll
    void stopCluster() throws Exception {
        script("stop");
        if (hdfs != null) hdfs.close();
        if (s3 != null) s3.close();
    }

    private Dwell.Result script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Dwell.root().resolve("tools/spark-standalone.sh").toString()));
        cmd.addAll(List.of(args));
        return Dwell.exec(cmd, clusterEnv);
    }

    /** Every path absolute: a cluster's executors do not share the driver's working folder. */
    private static List<String> hunt(Path... evidence) {
        return hunt(java.util.Arrays.stream(evidence).map(Path::toString).toList());
    }

    private static List<String> hunt(List<String> evidence) {
        Path sig = Dwell.corpus("signature-base");
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(evidence);
        args.addAll(List.of("--yara", sig.resolve("yara/apt_webshell_chinachopper.yar").toString(),
                "--yara", sig.resolve("yara/gen_webshells.yar").toString(),
                "--iocs", sig.resolve("iocs/filename-iocs.txt").toString(), "--iocs", sig.resolve("iocs/c2-iocs.txt").toString(),
                "--iocs", sig.resolve("iocs/hash-iocs.txt").toString()));
        return args;
    }

    private Path scan(List<String> args, String name, String... more) throws Exception {
        Path out = tmp.resolve(name);
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", out.toString()));
        all.addAll(List.of(more));
        Dwell.Result r = Dwell.run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), name + ": " + r.err());
        return out;
    }

    /**
     * With the built-in pack, whose detectors all run in the tasks (the driver reads no evidence in the first pass:
     * ShareHuntTest counts that in one process): its traffic episodes (web logs from the testkit's generator, with a
     * flood, a spray and brute force planted), log coverage notes and code checks are among the compared findings, and
     * the summary's feeds statistics, coverage and traffic series are the local engine's.
     */
    @Test
    void localTwoAndTheClusterGiveTheLocalEnginesOutputsOnTheExamplesAndTheEvtxSamples() throws Exception {
        Path traffic = tmp.resolve("traffic");
        TrafficLogs.write(traffic);
        List<String> args = hunt(Dwell.root().resolve("examples"), traffic, Dwell.corpus("evtx-attack-samples"));
        Path local = scan(args, "local");
        Path two = scan(args, "local2", "--spark", "local[2]");
        Path cluster = scan(args, "cluster", "--spark", master);
        String findings = Files.readString(local.resolve("findings.jsonl"));
        // the shares found something to merge: YARA's China Chopper on the web root copy (examples/README.md)
        assertTrue(findings.contains("\"detector\":\"yara\",\"rule\":{\"id\":\"ChinaChopper_Generic\""));
        for (String rule : List.of("traffic.flood", "traffic.password-spray", "traffic.brute-force",
                "d72722e2-075a-4a80-b315-06e6f15978b1", "2d9ae7e3-25eb-4a7e-96df-1b3b3afbdb6e")) {
            assertTrue(findings.contains("\"rule\":{\"id\":\"" + rule + "\""), rule);
        }
        JsonNode summary = new ObjectMapper().readTree(local.resolve("summary.json").toFile());
        long seen = 0;
        for (JsonNode feed : summary.path("exchange").path("ioc_feeds")) seen += feed.path("seen").asLong();
        assertTrue(seen > 0, summary.path("exchange").toString());
        for (Path spark : List.of(two, cluster)) {
            for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
                assertEquals(Files.readString(local.resolve(f)), Files.readString(spark.resolve(f)), spark + "/" + f);
            }
            for (String table : CASE_TABLES) assertEquals(table(local, table), table(spark, table), spark + " case " + table);
            JsonNode other = new ObjectMapper().readTree(spark.resolve("summary.json").toFile());
            for (String section : SUMMARY) assertEquals(summary.path(section), other.path(section), spark + " summary " + section);
        }
        // and both executors worked: each worker ran a task of the cluster's job
        Path work = Dwell.root().resolve("dwell-spark/target/standalone-it");
        for (String w : List.of("work-1", "work-2")) {
            try (var files = Files.walk(work.resolve(w))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("stderr") && ranATask(p)), w + " ran no task");
            }
            // with the JIT directives ./dwell names to this cluster (dwell-spark/executor-directives.json): the JVM says
            // so on the executor's stdout; the worker's latest application is this test's scan (ids sort by time)
            Path app;
            try (var apps = Files.list(work.resolve(w))) {
                app = apps.filter(a -> a.getFileName().toString().startsWith("app-")).max(Path::compareTo).orElseThrow();
            }
            try (var files = Files.walk(app)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("stdout") && says(p, "compiler directives added")),
                        app + ": the executor took no compiler directives");
            }
        }
    }

    /**
     * tools/spark-standalone.sh made the executors' class-data archive and ./dwell names it to this cluster's executors:
     * they map most of Spark's and the JDK's classes from it, and dwell's, whose jars they read where the build left them
     * (the archive's class path) rather than fetching copies, and most lambda forms they resolve (their class-loading log
     * says so). An executor that cannot read the archive named (a remote machine without the file) runs without it,
     * fetching dwell's jars: the same findings as the local engine both ways.
     */
    @Test
    void theClustersExecutorsMapTheirClassesFromTheArchiveWhichNoExecutorNeeds() throws Exception {
        Path archive = Dwell.root().resolve("dwell-spark/target/dwell-executor.jsa");
        assertTrue(Files.isRegularFile(archive), archive + " was not made");
        List<String> args = hunt(Dwell.root().resolve("examples"));
        Path local = localExamples();
        Path logs = Files.createDirectories(tmp.resolve("archive-class-loads"));
        Path mapped = clusterWith(args, "archive-cluster", "-Dspark.executor.extraJavaOptions=-Xlog:class+load:file="
                + logs.resolve("executor-{{EXECUTOR_ID}}.txt"));
        Path missing = clusterWith(args, "archive-missing-cluster", "-D" + ExecutorJvm.ARCHIVE + "=" + tmp.resolve("nowhere.jsa"));
        for (Path spark : List.of(mapped, missing)) {
            for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
                assertEquals(Files.readString(local.resolve(f)), Files.readString(spark.resolve(f)), spark + "/" + f);
            }
        }
        List<Path> executors;
        try (var files = Files.list(logs)) {
            executors = files.toList();
        }
        assertEquals(2, executors.size(), executors.toString());
        for (Path log : executors) {
            List<String> loads = Files.readAllLines(log).stream().filter(l -> l.contains(" source: ")).toList();
            long shared = loads.stream().filter(l -> l.endsWith("source: shared objects file")).count();
            assertTrue(shared > loads.size() / 2, log + ": " + shared + " of " + loads.size() + " classes from the archive");
            // dwell's own classes too, read from the built jars the archive names (no copy fetched into the work folder)
            List<String> dwell = loads.stream().filter(l -> l.contains("] dwell.")).toList();
            long dwellShared = dwell.stream().filter(l -> l.endsWith("source: shared objects file")).count();
            assertTrue(dwellShared > 200, log + ": " + dwellShared + " of dwell's " + dwell.size() + " classes from the archive");
            assertTrue(dwell.stream().noneMatch(l -> l.contains("standalone-it")), log + ": dwell's classes from fetched jars");
            // all of them but the lambdas Spark's Java API makes serializable, which no archive of Java 17 holds: a class
            // of dwell's read from its jar is one the class list lacks (dwell-spark/src/cds/executor.classlist)
            List<String> unlisted = dwell.stream().filter(l -> !l.contains("$$Lambda") && !l.endsWith("source: shared objects file")).toList();
            assertEquals(List.of(), unlisted, log + ": dwell's classes outside the archive");
            // the lambda forms the class list names come from the archive's holder classes: ~400 spun each before
            long spun = loads.stream().filter(l -> l.contains("java.lang.invoke.LambdaForm$") && l.endsWith("__JVM_LookupDefineClass__")).count();
            assertTrue(spun < 250, log + ": " + spun + " lambda forms spun");
        }
    }

    /** The local engine's scan of examples/ with hunt's rules, made once for the tests that compare with it. */
    private Path localExamples() throws Exception {
        if (localExamples == null || !Files.isDirectory(localExamples)) localExamples = scan(hunt(Dwell.root().resolve("examples")), "local-examples");
        return localExamples;
    }

    private Path clusterWith(List<String> args, String name, String javaOptions) throws Exception {
        Path out = tmp.resolve(name);
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", out.toString(), "--spark", master));
        Dwell.Result r = Dwell.run(Map.of("DWELL_JAVA_OPTS", javaOptions), all.toArray(String[]::new));
        assertEquals(0, r.exit(), name + ": " + r.err());
        return out;
    }

    /**
     * Without the built-in pack every detector has a share's form, so the tasks run the whole first pass (Sigma, the
     * correlations' candidates, the census, the pivot index's feed, exposure) and the driver reads no evidence in it
     * (ShareHuntTest counts that in one process); the flat correlations run as a Spark job of their own, grouped by key
     * (Spark's event log names it); the outputs are still the local engine's, correlation findings among them.
     */
    @Test
    void theWholeFirstPassAndTheCorrelationsOnSparkGiveTheLocalEnginesOutputsWithSigmaHqRules() throws Exception {
        Path rules = Dwell.root().resolve("dwell-core/src/test/resources/dwell/scan/logon-correlations.yml");
        List<String> args = hunt(Dwell.corpus("evtx-attack-samples"));
        args.addAll(List.of("--rules", Dwell.corpus("sigma/rules/windows").toString(), "--rules", rules.toString(), "--no-builtin"));
        Path local = scan(args, "sigmahq-local");
        Path events = Files.createDirectories(tmp.resolve("events"));
        Path out = tmp.resolve("sigmahq-local2");
        List<String> spark = new ArrayList<>(args);
        spark.addAll(List.of("--out", out.toString(), "--spark", "local[2]"));
        Dwell.Result r = Dwell.run(Map.of("DWELL_JAVA_OPTS", "-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=" + events.toUri()),
                spark.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        String findings = Files.readString(local.resolve("findings.jsonl"));
        assertTrue(findings.contains("\"detector\":\"sigma\"") && findings.contains("\"detector\":\"correlation\""));
        for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
            assertEquals(Files.readString(local.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        for (String table : CASE_TABLES) assertEquals(table(local, table), table(out, table), "case " + table);
        String log;
        try (var files = Files.list(events)) {
            log = files.map(SparkScanIT::read).reduce("", String::concat);
        }
        assertTrue(log.contains("dwell: Sigma correlations, candidates grouped by correlation and key"), "no correlation job");
        assertTrue(log.contains("\"Shuffle Write Metrics\""), "no shuffle");
    }

    /**
     * With the built-in pack (which pivots) in local[2]: the index stays on the executors and each pivot round is a join
     * there (Spark's event log: a job per round, its values broadcast, and the values' few statistics summed by the
     * driver); the parts the driver collects carry no index (as many bytes as with --no-pivot, give or take a count per
     * share and each item's facts); the outputs are the local engine's; and again when every round's values are
     * shuffled to the index rather than broadcast (the shuffle join of rounds of many values, its threshold forced to
     * none), its statistics then summed in a shuffle.
     */
    @Test
    void thePivotRunsAsJoinsOnTheExecutorsAndTheDriverReceivesNoIndex() throws Exception {
        List<String> args = hunt(Dwell.root().resolve("examples"));
        Path local = scan(args, "pivot-local");
        Path out = sparkWithLog(args, "pivot-local2");
        Path unpivoted = sparkWithLog(args, "pivot-off-local2", "--no-pivot");
        for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
            assertEquals(Files.readString(local.resolve(f)), Files.readString(out.resolve(f)), f);
        }
        Map<String, SparkEventLog.Job> jobs = SparkEventLog.jobs(out.resolveSibling("pivot-local2-events"));
        var rounds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("pivot").path("rounds");
        assertTrue(rounds.size() >= 1, rounds.toString());
        for (var r : rounds) {
            String prefix = "dwell: pivot round " + r.path("round").asInt() + ", join of ";
            List<String> round = jobs.keySet().stream().filter(d -> d.startsWith(prefix)).toList();
            assertEquals(1, round.size(), prefix + " in " + jobs.keySet());
            assertTrue(round.get(0).endsWith("values (broadcast) for their events"), round.get(0));
        }
        // a broadcast round's few partial statistics are added up by the driver: no shuffle
        assertEquals(0, statisticsShuffled(jobs), "the pivot's statistics were shuffled: " + jobs);
        long withIndex = jobs.get("dwell: collect the shares' parts, store the index's items beside them").resultBytes();
        SparkEventLog.Job off = SparkEventLog.jobs(out.resolveSibling("pivot-off-local2-events")).get("dwell: collect the shares' parts");
        // no index events: the bytes with --no-pivot, give or take a count per share and each item's counts and name
        long items = new com.fasterxml.jackson.databind.ObjectMapper().readTree(local.resolve("inventory.json").toFile()).path("items").size();
        assertTrue(withIndex <= off.resultBytes() + 4096 + 256 * items,
                "parts with the pivot on " + withIndex + " bytes, off " + off.resultBytes() + ", " + items + " items");
        long indexed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(local.resolve("summary.json").toFile())
                .path("pivot").path("index_events").asLong();
        assertTrue(indexed > 1000, "the index holds " + indexed + " events");
        // every round past a broadcast of no values: each a shuffle join, the same answers
        Path joinedOut = sparkWithOptions(args, "pivot-shuffled-local2", "-D" + SparkIndex.BROADCAST_VALUES + "=0");
        for (String f : List.of("findings.jsonl", "incidents.json", "inventory.json")) {
            assertEquals(Files.readString(local.resolve(f)), Files.readString(joinedOut.resolve(f)), "shuffle join: " + f);
        }
        Map<String, SparkEventLog.Job> joined = SparkEventLog.jobs(tmp.resolve("pivot-shuffled-local2-events"));
        for (var r : rounds) {
            String prefix = "dwell: pivot round " + r.path("round").asInt() + ", join of ";
            List<String> round = joined.keySet().stream().filter(d -> d.startsWith(prefix)).toList();
            assertEquals(1, round.size(), prefix + " in " + joined.keySet());
            assertTrue(round.get(0).endsWith("values (shuffle join) for their events"), round.get(0));
            assertTrue(joined.get(round.get(0)).shuffleBytes() > 0, "round's values not shuffled: " + round.get(0));
        }
        assertTrue(joined.keySet().stream().noneMatch(d -> d.contains("(broadcast)")), joined.keySet().toString());
        assertTrue(statisticsShuffled(joined) > 0, "the shuffle join's statistics were not summed in a shuffle: " + joined);
    }

    private static long statisticsShuffled(Map<String, SparkEventLog.Job> jobs) {
        return jobs.entrySet().stream().filter(j -> j.getKey().contains("pivot") && j.getKey().contains("summed by value"))
                .mapToLong(j -> j.getValue().shuffleBytes()).sum();
    }

    /**
     * With --spark, --pivot-memory bounds each share's index (built in its task's heap): a share past it stops indexing,
     * and as at the local index's limits that costs the pivot, never the findings: the summary and the console say
     * "Pivot limited" with the reason, and every finding of the detectors is the local engine's.
     */
    @Test
    void aSharesIndexPastItsMemoryBudgetLimitsThePivotNeverTheFindings() throws Exception {
        List<String> args = hunt(Dwell.root().resolve("examples"));
        Path local = scan(args, "budget-local");
        Path out = tmp.resolve("budget-local2");
        List<String> spark = new ArrayList<>(args);
        spark.addAll(List.of("--out", out.toString(), "--spark", "local[2]", "--pivot-memory", "4k"));
        Dwell.Result r = Dwell.run(spark.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Pivot limited: a share's index reached its memory budget of 4.0 KiB"), r.out());
        JsonNode pivot = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("pivot");
        assertEquals("limited", pivot.path("status").asText(), pivot.toString());
        assertTrue(pivot.path("unindexed_events").asLong() > 0, pivot.toString());
        List<String> detectors = Files.readAllLines(local.resolve("findings.jsonl")).stream()
                .filter(l -> !l.contains("\"detector\":\"pivot\"")).toList();
        List<String> limited = Files.readAllLines(out.resolve("findings.jsonl"));
        assertTrue(detectors.size() > 10, detectors.size() + " detector findings");
        assertTrue(limited.containsAll(detectors), "a detector's finding is missing from the limited scan");
    }

    /** A --spark local[2] scan with Spark's event log in the folder NAME-events beside its outputs. */
    private Path sparkWithLog(List<String> args, String name, String... more) throws Exception {
        return sparkWithOptions(args, name, "", more);
    }

    private Path sparkWithOptions(List<String> args, String name, String javaOptions, String... more) throws Exception {
        Path events = Files.createDirectories(tmp.resolve(name + "-events"));
        Path out = tmp.resolve(name);
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", out.toString(), "--spark", "local[2]"));
        all.addAll(List.of(more));
        Dwell.Result r = Dwell.run(Map.of("DWELL_JAVA_OPTS", "-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=" + events.toUri() + " " + javaOptions),
                all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean ranATask(Path stderr) {
        return says(stderr, "Finished task");
    }

    private static boolean says(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theApplicationJarThroughSparkSubmitWritesTheSameFindings() throws Exception {
        Path app = Dwell.root().resolve("dwell-spark/target/dwell-spark-app.jar");
        assertTrue(Files.isRegularFile(app), app + " is built by mvn package");
        List<String> args = hunt(Dwell.root().resolve("examples"));
        Path local = localExamples();
        Path submitted = tmp.resolve("submitted");
        List<String> cmd = new ArrayList<>(List.of("java", "@" + Dwell.root().resolve("dwell-spark/spark-jvm.options"),
                "-cp", Dwell.root().resolve("dwell-spark/target/spark-lib") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--class", "dwell.spark.Submit", app.toString()));
        cmd.addAll(args.subList(1, args.size()));
        cmd.addAll(List.of("--out", submitted.toString()));
        Dwell.Result r = Dwell.exec(cmd, Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(local.resolve("findings.jsonl")), Files.readString(submitted.resolve("findings.jsonl")));
        assertEquals(Files.readString(local.resolve("incidents.json")), Files.readString(submitted.resolve("incidents.json")));
    }

    @Test
    void relativePathsOnAClusterAndAMasterThatIsNoneAreInputErrors() throws Exception {
        Dwell.Result relative = Dwell.run("scan", "examples", "--iocs", Dwell.corpus("signature-base").resolve("iocs/c2-iocs.txt").toString(),
                "--out", tmp.resolve("rel").toString(), "--spark", master);
        assertEquals(2, relative.exit(), relative.err());
        assertTrue(relative.err().contains("examples is a relative path"), relative.err());
        Dwell.Result bad = Dwell.run("scan", Dwell.root().resolve("examples").toString(), "--out", tmp.resolve("bad").toString(),
                "--spark", "nonsense://x");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("dwell: --spark nonsense://x: Could not parse Master URL"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    /**
     * A copy of examples/ with a broken link, a link back to its own folder and a folder without permissions, hunted
     * without the built-in pack (the driver then reads no evidence: the tasks read the files the driver listed) gives
     * the local engine's inventory, problems and findings: the paths the listing could not read are reported from it.
     */
    @Test
    void listingFailuresAreReportedAsByTheLocalEngine() throws Exception {
        Path evidence = tmp.resolve("listing/examples");
        copyTree(Dwell.root().resolve("examples"), evidence);
        Files.createSymbolicLink(evidence.resolve("EXCH01/broken.log"), tmp.resolve("listing/nowhere"));
        Files.createSymbolicLink(Files.createDirectories(evidence.resolve("loop")).resolve("again"), evidence.resolve("loop"));
        Path closed = evidence.resolve("rp01");
        Files.setPosixFilePermissions(closed, java.util.Set.of());
        try {
            List<String> args = hunt(evidence);
            args.add("--no-builtin");
            Path local = scan(args, "listing-local");
            Path spark = scan(args, "listing-local2", "--spark", "local[2]");
            String inventory = Files.readString(local.resolve("inventory.json"));
            assertTrue(inventory.contains("\"path\" : \"" + evidence.resolve("EXCH01/broken.log") + "\""), inventory);
            assertTrue(inventory.contains("\"path\" : \"" + evidence.resolve("loop/again") + "\""), inventory);
            for (String f : List.of("findings.jsonl", "inventory.json")) {
                assertEquals(Files.readString(local.resolve(f)), Files.readString(spark.resolve(f)), f);
            }
            assertEquals(problems(local), problems(spark));
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String problems(Path out) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("problems").toString();
    }

    /** A few EVTX samples, one in a folder whose name holds a space (a URI escapes it, the display path does not). */
    private static final List<String> EVTX = List.of("Lateral Movement/LM_5145_Remote_FileCopy.evtx",
            "Credential Access/CA_DCSync_4662.evtx", "Persistence/wmighost_sysmon_20_21_1.evtx", "UACME_59_Sysmon.evtx");

    /**
     * Evidence on HDFS, hunted on the two-worker cluster with rule files the executors cannot see (relative paths, which
     * resolve on the driver only: the driver broadcasts their bytes), gives the local engine's findings, inventory and
     * incidents on the same files; the Parquet tables it writes to HDFS hold findings.jsonl's rows.
     */
    @Test
    void hdfsEvidenceWithRulesOnlyOnTheDriverGivesTheLocalFindingsAndParquetTables() throws Exception {
        hdfs = new MiniHdfs(tmp.resolve("hdfs"));
        // both roots under one local folder, named as on HDFS: the inventory sorts items by path, and the checkout's
        // own path (before or after the temporary folder) must not decide which root comes first
        Path evtx = tmp.resolve("evidence/evtx");
        for (String e : EVTX) {
            Files.createDirectories(evtx.resolve(e).getParent());
            Files.copy(Dwell.corpus("evtx-attack-samples").resolve(e), evtx.resolve(e));
        }
        Path examples = tmp.resolve("evidence/examples");
        copyTree(Dwell.root().resolve("examples"), examples);
        hdfs.put(examples, "/evidence/examples");
        hdfs.put(evtx, "/evidence/evtx");
        String onHdfs = hdfs.uri() + "/evidence";
        Path rules = Dwell.root().resolve("dwell-spark/target/driver-rules");
        Files.createDirectories(rules);
        Path sig = Dwell.corpus("signature-base");
        for (String f : List.of("yara/apt_webshell_chinachopper.yar", "iocs/filename-iocs.txt", "iocs/c2-iocs.txt")) {
            Files.copy(sig.resolve(f), rules.resolve(Path.of(f).getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> ruleArgs = List.of("--yara", "dwell-spark/target/driver-rules/apt_webshell_chinachopper.yar",
                "--iocs", "dwell-spark/target/driver-rules/filename-iocs.txt", "--iocs", "dwell-spark/target/driver-rules/c2-iocs.txt");
        List<String> localArgs = new ArrayList<>(List.of("scan", examples.toString(), evtx.toString()));
        localArgs.addAll(ruleArgs);
        Path local = scan(localArgs, "local-files");
        List<String> remoteArgs = new ArrayList<>(List.of("scan", onHdfs + "/examples", onHdfs + "/evtx"));
        remoteArgs.addAll(ruleArgs);
        String parquet = hdfs.uri() + "/cases/tables";
        Path remote = scan(remoteArgs, "hdfs", "--spark", master, "--parquet", parquet);

        MappedOutputs same = new MappedOutputs(local, remote, Map.of(examples.toString(), onHdfs + "/examples", evtx.toString(), onHdfs + "/evtx"));
        List<String> findings = same.findings();
        same.inventory();
        same.incidents();
        String text = String.join("\n", findings);
        // the executors hunted with the broadcast rules: YARA's China Chopper on the web root copy, an IOC file name
        assertTrue(text.contains("\"detector\":\"yara\",\"rule\":{\"id\":\"ChinaChopper_Generic\""), "YARA on HDFS");
        assertTrue(Files.readString(remote.resolve("inventory.json")).contains(
                "\"path\" : \"" + onHdfs + "/evtx/Lateral Movement/LM_5145_Remote_FileCopy.evtx\""), "EVTX on HDFS");
        long indexValues = new com.fasterxml.jackson.databind.ObjectMapper().readTree(local.resolve("summary.json").toFile())
                .path("pivot").path("index_values").asLong(-1);
        ParquetCheck.matches(parquet, findings, indexValues);
    }

    /**
     * Evidence in an S3 bucket (S3Proxy on 127.0.0.1, reached through Hadoop's S3A client that ./dwell -\-spark ships),
     * with the built-in pack on, in local[2] and on the two-worker cluster, gives the local engine's findings, inventory
     * and incidents on the same files laid out as in the bucket.
     */
    @Test
    void s3EvidenceGivesTheLocalFindingsInventoryAndIncidents() throws Exception {
        Path examples = tmp.resolve("s3-evidence/examples");
        Path evtx = tmp.resolve("s3-evidence/evtx");
        copyTree(Dwell.root().resolve("examples"), examples);
        for (String e : EVTX) {
            Files.createDirectories(evtx.resolve(e).getParent());
            Files.copy(Dwell.corpus("evtx-attack-samples").resolve(e), evtx.resolve(e));
        }
        S3Server server = s3();
        server.createBucket("triage");
        server.put(examples, "triage", "cases/examples");
        server.put(evtx, "triage", "cases/evtx");
        Path local = scan(hunt(examples, evtx), "s3-local");
        List<String> remoteArgs = hunt(List.of("s3a://triage/cases/examples", "s3a://triage/cases/evtx"));
        Map<String, String> roots = Map.of(examples.toString(), "s3a://triage/cases/examples", evtx.toString(), "s3a://triage/cases/evtx");
        for (String on : List.of("local[2]", master)) {
            Path remote = tmp.resolve("s3-" + on.replaceAll("[^a-z0-9]", "-"));
            List<String> args = new ArrayList<>(remoteArgs);
            args.addAll(List.of("--out", remote.toString(), "--spark", on));
            Dwell.Result r = Dwell.run(Map.of("DWELL_JAVA_OPTS", server.sparkOptions(S3Server.SECRET_KEY)), args.toArray(String[]::new));
            assertEquals(0, r.exit(), on + ": " + r.err());
            MappedOutputs same = new MappedOutputs(local, remote, roots);
            String findings = String.join("\n", same.findings());
            same.inventory();
            same.incidents();
            // read through S3A: YARA's China Chopper in the zipped web root copy, the EVTX samples' items
            assertTrue(findings.contains("\"detector\":\"yara\",\"rule\":{\"id\":\"ChinaChopper_Generic\""), on + ": YARA on S3");
            assertTrue(Files.readString(remote.resolve("inventory.json")).contains(
                    "\"path\" : \"s3a://triage/cases/evtx/Credential Access/CA_DCSync_4662.evtx\""), on + ": EVTX on S3");
        }
    }

    /** A bucket that does not exist and a wrong secret key: input errors that name the URI and say why, no stack trace. */
    @Test
    void aMissingBucketAndWrongCredentialsAreInputErrorsNamingTheUri() throws Exception {
        S3Server server = s3();
        server.createBucket("held");
        Path one = Files.createDirectories(tmp.resolve("s3-one"));
        Files.copy(Dwell.corpus("evtx-attack-samples").resolve(EVTX.get(1)), one.resolve("dcsync.evtx"));
        server.put(one, "held", "one");
        Map<String, String> wrongKey = Map.of("DWELL_JAVA_OPTS", server.sparkOptions("not-the-secret"));
        Map<String, String> rightKey = Map.of("DWELL_JAVA_OPTS", server.sparkOptions(S3Server.SECRET_KEY));
        record Case(String uri, Map<String, String> env, String said) {
        }
        for (Case c : List.of(new Case("s3a://no-such-bucket/one", rightKey, "the bucket does not exist"),
                new Case("s3a://held/one", wrongKey, "permission denied"))) {
            Dwell.Result r = Dwell.run(c.env(), "scan", c.uri(), "--iocs", Dwell.corpus("signature-base").resolve("iocs/c2-iocs.txt").toString(),
                    "--no-builtin", "--out", tmp.resolve("s3-error").toString(), "--spark", "local[1]");
            assertEquals(2, r.exit(), c.uri() + ": " + r.err());
            assertTrue(r.err().contains("dwell: cannot read " + c.uri() + ": ") && r.err().contains(c.said()), c.uri() + ": " + r.err());
            assertFalse(r.err().contains("\tat "), c.uri() + ": " + r.err());
            assertFalse(r.err().contains("Status Code"), "not the service's raw reply: " + r.err());
        }
    }

    private S3Server s3() throws Exception {
        if (s3 == null) s3 = new S3Server(tmp.resolve("s3proxy"));
        return s3;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    /** A case table's rows as JSON, in a fixed order. */
    private static String table(Path out, String table) throws Exception {
        Dwell.Result r = Dwell.run("query", out.resolve("case.duckdb").toString(), "SELECT * FROM " + table + " ORDER BY ALL",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }
}
