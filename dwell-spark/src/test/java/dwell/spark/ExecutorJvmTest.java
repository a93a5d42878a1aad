package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

class ExecutorJvmTest {
    private static final String DEFAULTS = "spark.executor.defaultJavaOptions";

    @TempDir
    Path tmp;

    private static SparkConf configured(SparkConf conf) {
        ExecutorJvm.configure(conf);
        return conf;
    }

    @Test
    void executorsGetTheParallelCollectorUnlessTheirOptionsAreSetOrNameACollector() {
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false)).get(DEFAULTS));
        assertEquals("-XX:+UseZGC", configured(new SparkConf(false).set(DEFAULTS, "-XX:+UseZGC")).get(DEFAULTS));
        assertFalse(configured(new SparkConf(false).set("spark.executor.extraJavaOptions", "-XX:+UseG1GC -Xss4m")).contains(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xss4m")).get(DEFAULTS));
    }

    @Test
    void theArchiveNamedIsMappedQuietlyUnlessTheExecutorsOptionsNameOneOrTheClusterSetsTheDefaults() {
        SparkConf named = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, "/opt/dwell/dwell-executor.jsa"));
        assertEquals("-XX:+UseParallelGC -XX:SharedArchiveFile=/opt/dwell/dwell-executor.jsa -Xlog:cds=off -Xlog:cds+dynamic=off",
                named.get(DEFAULTS));
        SparkConf own = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, "/a.jsa")
                .set("spark.executor.extraJavaOptions", "-XX:SharedArchiveFile=/b.jsa -XX:+UseSerialGC"));
        assertFalse(own.contains(DEFAULTS));
        SparkConf admin = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, "/a.jsa").set(DEFAULTS, "-Xss4m"));
        assertEquals("-Xss4m", admin.get(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, " ")).get(DEFAULTS));
    }

    @Test
    void c1AloneWhenSaidUnlessTheExecutorsOptionsNameTheTiers() {
        assertEquals("-XX:+UseParallelGC -XX:TieredStopAtLevel=1", configured(new SparkConf(false).set(ExecutorJvm.C1, "true")).get(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set(ExecutorJvm.C1, "false")).get(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set(ExecutorJvm.C1, "true")
                .set("spark.executor.extraJavaOptions", "-XX:-TieredCompilation")).get(DEFAULTS));
    }

    @Test
    void theDirectivesNamedAreReadUnlessTheExecutorsOptionsNameSome() {
        assertEquals("-XX:+UseParallelGC -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/opt/dwell/directives.json",
                configured(new SparkConf(false).set(ExecutorJvm.DIRECTIVES, "/opt/dwell/directives.json")).get(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set(ExecutorJvm.DIRECTIVES, "/a.json")
                .set("spark.executor.extraJavaOptions", "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/b.json")).get(DEFAULTS));
        assertEquals("-XX:+UseParallelGC", configured(new SparkConf(false).set(ExecutorJvm.DIRECTIVES, "")).get(DEFAULTS));
    }

    /**
     * The project's directives file parses (a file the JVM cannot parse stops it), and a method of a class it names is
     * compiled by C1 at level 1 (full optimisation, no profile) and never by C2, where without it the method is profiled
     * for C2 instead (which shows the check could fail).
     */
    @Test
    void theExecutorsDirectivesKeepC2OffTheClassesTheyNameAndTheirMethodsCompiledByC1() throws Exception {
        Path src = Files.writeString(tmp.resolve("Hot.java"), """
                import java.io.*;
                public class Hot { public static void main(String[] a) throws IOException {
                  for (int r = 0; r < 400; r++) { var o = new ObjectOutputStream(new ByteArrayOutputStream());
                    for (int i = 0; i < 20000; i++) o.writeInt(i); o.close(); } } }
                """);
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), src.toString()));
        String options = configured(new SparkConf(false).set(ExecutorJvm.DIRECTIVES,
                Path.of("executor-directives.json").toAbsolutePath().toString())).get(DEFAULTS);
        List<String> run = new ArrayList<>(CollectionConverters.asJava(Utils.splitCommandString(options)));
        run.addAll(List.of("-XX:+PrintCompilation", "-cp", tmp.toString(), "Hot"));
        Run with = java(run.toArray(String[]::new));
        assertEquals(0, with.exit(), with.out());
        assertTrue(with.out().startsWith("1 compiler directives added"), with.out());
        String method = "java.io.ObjectOutputStream$BlockDataOutputStream::writeInt";
        assertTrue(compiledAt(with.out(), method, "1"), with.out());
        assertFalse(compiledAt(with.out(), method, "4"), with.out());
        Run without = java("-XX:+PrintCompilation", "-cp", tmp.toString(), "Hot");
        assertTrue(without.out().contains(method), without.out());
        assertFalse(compiledAt(without.out(), method, "1"), without.out());
    }

    /** Whether -XX:+PrintCompilation's output shows the method compiled at the tier (its columns: time, id, flags, tier, method). */
    private static boolean compiledAt(String printCompilation, String method, String tier) {
        return printCompilation.lines().filter(l -> l.contains(method + " (") && !l.contains("made not"))
                .map(l -> l.substring(0, l.indexOf(method)).trim().split("\\s+"))
                .anyMatch(columns -> columns[columns.length - 1].equals(tier));
    }

    @Test
    void anArchivePathWithSpacesAndQuotesStaysOneOptionAsSparkSplitsTheOptions() {
        String path = "/cases/my \"rules\" dir/dwell-executor.jsa";
        String options = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, path)).get(DEFAULTS);
        List<String> split = CollectionConverters.asJava(Utils.splitCommandString(options));
        assertEquals(List.of("-XX:+UseParallelGC", "-XX:SharedArchiveFile=" + path, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), split);
    }

    /**
     * Never required: an executor whose machine lacks the file, or holds another (an older build's, a different JDK's,
     * not an archive at all), starts and runs with these options and says nothing of it.
     */
    @Test
    void aJvmThatCannotUseTheArchiveRunsWithoutItSilently() throws Exception {
        Path junk = tmp.resolve("junk.jsa");
        Files.write(junk, "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
        for (Path archive : List.of(tmp.resolve("missing.jsa"), junk)) {
            String options = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, archive.toString())).get(DEFAULTS);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(CollectionConverters.asJava(Utils.splitCommandString(options)));
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.lines().allMatch(l -> l.contains("version") || l.contains("Runtime Environment") || l.contains("VM")), out);
        }
    }

    /**
     * An archive dumped for a class path whose jar has changed since (dwell rebuilt while the cluster ran): the JVM
     * maps nothing of it and loads the jar's classes from the jar, silently; the same archive serves the jar it was
     * dumped for (which shows the check could fail).
     */
    @Test
    void anArchiveOlderThanItsClassPathsJarsIsIgnoredSilently() throws Exception {
        Path src = Files.writeString(tmp.resolve("Hello.java"), "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), src.toString()));
        Path jar = tmp.resolve("hello.jar");
        jar(jar, tmp.resolve("Hello.class"), "");
        Path list = Files.writeString(tmp.resolve("hello.classlist"), "java/lang/Object\nHello\n");
        Path archive = tmp.resolve("hello.jsa");
        assertEquals(0, java("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString()).exit());
        String options = configured(new SparkConf(false).set(ExecutorJvm.ARCHIVE, archive.toString())).get(DEFAULTS);
        List<String> run = new ArrayList<>(CollectionConverters.asJava(Utils.splitCommandString(options)));
        run.addAll(List.of("-Xlog:class+load", "-cp", jar.toString(), "Hello"));
        Run fresh = java(run.toArray(String[]::new));
        assertTrue(fresh.out().contains("Hello source: shared objects file"), fresh.out());
        Thread.sleep(1100);
        jar(jar, tmp.resolve("Hello.class"), "rebuilt");
        Run stale = java(run.toArray(String[]::new));
        assertEquals(0, stale.exit(), stale.out());
        assertTrue(stale.out().contains("Hello source: file:"), stale.out());
        assertTrue(stale.out().lines().noneMatch(l -> l.contains("shared objects file") || l.contains("cds")), stale.out());
        assertTrue(stale.out().lines().anyMatch(l -> l.equals("hello")), stale.out());
    }

    /**
     * The lambda forms the executors resolve are in their class list, in the form the dump reads: from them it
     * regenerates the JDK's holder classes (a line it cannot use is an error in the dump's output, and the forms are
     * spun again by every executor).
     */
    @Test
    void theExecutorsClassListNamesTheLambdaFormsTheyResolveAndTheDumpTakesThem() throws Exception {
        List<String> forms = Files.readAllLines(Path.of("src/cds/executor.classlist")).stream()
                .filter(l -> l.startsWith("@lambda-form-invoker ")).toList();
        assertTrue(forms.size() > 300, "" + forms.size());
        Path list = tmp.resolve("forms.classlist");
        List<String> lines = new ArrayList<>(List.of("java/lang/Object"));
        lines.addAll(forms);
        Files.write(list, lines);
        Run dump = java("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp.resolve("forms.jsa"));
        assertEquals(0, dump.exit(), dump.out());
        assertTrue(dump.out().lines().noneMatch(l -> l.contains("[error]")), dump.out());
    }

    private static void jar(Path jar, Path classFile, String comment) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.setComment(comment);
            out.putNextEntry(new java.util.jar.JarEntry("Hello.class"));
            out.write(Files.readAllBytes(classFile));
            out.closeEntry();
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /**
     * The executors' class list names classes of Spark's jars, dwell's and the JDK, each of which resolves (a Spark
     * upgrade or a renamed class of dwell's shows here).
     */
    @Test
    void everyClassOfTheExecutorsClassListResolves() throws IOException {
        List<String> names = Files.readAllLines(Path.of("src/cds/executor.classlist")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@")).toList();
        assertTrue(names.size() > 5000, "" + names.size());
        // dwell's tasks, loaded from the jars the archive's class path names
        assertTrue(names.containsAll(List.of("dwell/spark/HuntShare", "dwell/scan/ShareHunt")), "dwell's classes are not listed");
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                if (in == null) missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }
}
