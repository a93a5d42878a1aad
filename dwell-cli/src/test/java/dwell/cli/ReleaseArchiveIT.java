package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.DuckDbLibrary;
import dwell.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code mvn package} builds dwell-cli/target/dwell-VERSION.zip, and unpacked into an empty folder it runs
 * {@code bin/dwell scan} on examples/ with only a Java runtime: no Maven on the PATH, no source tree beside it.
 */
class ReleaseArchiveIT {
    @TempDir
    Path tmp;

    @Test
    void unpackedAnywhereItScansTheExamplesWithJavaAlone() throws Exception {
        Path zip = Dwell.root().resolve("dwell-cli/target/dwell-" + Main.version() + ".zip");
        assertTrue(Files.isRegularFile(zip), "mvn package should have built " + zip);
        Path home = unzip(zip, Files.createDirectories(tmp.resolve("unpacked"))).resolve("dwell-" + Main.version());

        Set<String> top = new TreeSet<>();
        try (Stream<Path> s = Files.list(home)) {
            s.forEach(p -> top.add(p.getFileName().toString()));
        }
        assertEquals(Set.of("LICENSE", "NOTICE.md", "README.md", "bin", "completion", "lib", "licenses", "man"), top);
        assertTrue(ManPageRendering.man(home.resolve("man/man1/dwell-scan.1"), 100).contains("-o, --out=DIR"), "man -l renders dwell-scan(1)");
        assertEquals("", ManPageRendering.groffWarnings(home.resolve("man/man1/dwell-scan.1")));
        try (Stream<Path> s = Files.list(home.resolve("man"))) {
            assertEquals(List.of("man1"), s.map(p -> p.getFileName().toString()).toList(), "troff pages only, in man1/");
        }
        assertEquals("scan", complete(home, "dwell", "sc"));
        assertEquals("html csv jsonl stix", complete(home, "dwell", "report", "x.duckdb", "--format", ""));
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
        assertTrue(Files.readString(home.resolve("licenses/ExchangeBuildNumbers-MIT.txt")).contains("MIT License"));
        assertTrue(Files.getPosixFilePermissions(home.resolve("bin/dwell")).contains(PosixFilePermission.OWNER_EXECUTE));
        String cmd = Files.readString(home.resolve("bin/dwell.cmd"));
        assertTrue(cmd.contains("\r\n") && !cmd.replace("\r\n", "").contains("\n"), "dwell.cmd has Windows line ends");
        assertTrue(Files.isRegularFile(home.resolve("lib/dwell-cli.jar")));

        // a PATH holding java alone: no Maven, no other tool the launcher could lean on
        Path javaOnly = Files.createDirectories(tmp.resolve("java-only"));
        Files.createSymbolicLink(javaOnly.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path out = tmp.resolve("out");
        Path run = Files.createDirectories(tmp.resolve("elsewhere"));
        Ran first = scanExamples(home, out, run, Map.of("PATH", javaOnly.toString(), "DWELL_JAVA_OPTS", "-Xmx1g"), "stderr.txt",
                "--format", "json");
        String stdout = first.stdout();
        String stderr = first.stderr();
        assertFalse(stderr.contains("building"), "no build: " + stderr);

        // examples/README.md's figures: 800 evidence items, incidents found
        JsonNode summary = Json.MAPPER.readTree(stdout);
        assertEquals(800, Json.MAPPER.readTree(out.resolve("inventory.json").toFile()).get("items").size());
        assertTrue(Files.readAllLines(out.resolve("findings.jsonl")).size() > 100, summary.toString());
        assertTrue(Files.isRegularFile(out.resolve("case.duckdb")) && Files.isRegularFile(out.resolve("report.html")));
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(List.of(), s.toList(), "the run wrote nothing into its working folder");
        }
        assertFalse(Files.exists(home.resolve("lib/dwell.jsa")), "without mv on the PATH no class-data archive is made");

        smallScanGetsTheSourceLaunchersOptions(home, Files.readString(out.resolve("findings.jsonl")));
        duckDbsLibraryIsKeptInTheCacheFolder(home, Files.readString(out.resolve("findings.jsonl")));
        java25MakesItsOwnArchiveOnce(home, Files.readString(out.resolve("findings.jsonl")));
    }

    /**
     * With find, awk and mv beside java and the default heap, a scan of small evidence runs as ./dwell runs it: C1
     * alone, the serial collector (on huge pages where the kernel offers them, promoting at the first collection),
     * the 4,160 MB heap with young generations of at most 640 MB, and a class-data archive made by the first run, from
     * which dwell's classes load; the findings are those of the first run (defaults, -Xmx1g).
     */
    private void smallScanGetsTheSourceLaunchersOptions(Path home, String findings) throws Exception {
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String tool : List.of("find", "awk", "mv", "rm")) {
            Path at = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), at);
        }
        Path out = tmp.resolve("out-small");
        Path classes = tmp.resolve("class-load.txt");
        // the JVM prints its options first on stdout, and logs where each class came from
        Ran small = scanExamples(home, out, tmp, Map.of("PATH", tools.toString(),
                "JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags -Xlog:class+load:file=" + classes), "stderr-small.txt");
        String stdout = small.stdout();
        String stderr = small.stderr();
        assertTrue(stderr.contains("dwell: preparing the class-data archive (once)..."), stderr);

        Set<String> flags = Set.of(stdout.lines().findFirst().orElseThrow().split(" "));
        for (String flag : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxTenuringThreshold=0",
                "-XX:MaxHeapSize=" + (4160L << 20), "-XX:MaxNewSize=" + (640L << 20),
                "-XX:SharedArchiveFile=" + home.resolve("lib/dwell.jsa"))) {
            assertTrue(flags.contains(flag), flag + " in " + flags);
        }
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean hugePages = Files.isReadable(thp) && Files.readString(thp).matches("(?s).*\\[(always|madvise)\\].*");
        assertEquals(hugePages, flags.contains("-XX:+UseTransparentHugePages"), flags.toString());
        assertTrue(Files.readAllLines(classes).stream().anyMatch(l -> l.contains(" dwell.cli.Main source: shared objects file")),
                "dwell's classes load from the archive");
        assertFalse(Files.exists(home.resolve("lib/dwell.jsa.failed")));
        assertEquals(findings, Files.readString(out.resolve("findings.jsonl")));
    }

    /**
     * With a cache folder (the runs above had none: no HOME, so the driver copied its library out of the released jar
     * each time), the first run keeps DuckDB's native library there and every run loads it from there, in place; a
     * damaged copy is replaced. The findings are those of the first run.
     */
    private void duckDbsLibraryIsKeptInTheCacheFolder(Path home, String findings) throws Exception {
        Path cache = tmp.resolve("cache");
        Path loaded = tmp.resolve("library-load.txt");
        Map<String, String> env = Map.of("PATH", tmp.resolve("tools").toString(), "DWELL_CACHE_DIR", cache.toString(),
                "JDK_JAVA_OPTIONS", "-Xlog:library=info:file=" + loaded);
        Path jar;
        try (Stream<Path> s = Files.list(home.resolve("lib/native"))) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("duckdb_jdbc-")).findFirst().orElseThrow();
        }
        Path kept = cache.resolve("duckdb").resolve(jar.getFileName().toString().replaceFirst("\\.jar$", ""))
                .resolve(System.mapLibraryName("duckdb_java"));
        for (String run : List.of("first", "damaged")) {
            Path out = tmp.resolve("out-cache-" + run);
            scanExamples(home, out, tmp, env, "stderr-cache-" + run + ".txt");
            assertEquals(findings, Files.readString(out.resolve("findings.jsonl")));
            assertTrue(Files.readString(loaded).contains("Loaded library " + kept + ","), run + ": " + Files.readString(loaded));
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(kept));
                assertEquals(z.getEntry(DuckDbLibrary.entryName()).getCrc(), crc.getValue(), run);
            }
            if (run.equals("first")) {
                try (FileChannel f = FileChannel.open(kept, StandardOpenOption.WRITE)) {
                    f.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), 4096);
                }
            }
        }
    }

    /**
     * With JAVA_HOME naming a Java 25, the first run makes a class-data archive of that runtime's own (with
     * DWELL_CDS=aot an AOT cache) beside Java 17's, named for it, from which dwell's classes load; the next run uses it
     * without training again; the findings are Java 17's.
     */
    private void java25MakesItsOwnArchiveOnce(Path home, String findings) throws Exception {
        String made = home.resolve("lib/dwell-java-" + AotCacheIT.runtimeVersion(Java25.home())).toString();
        Path classes = tmp.resolve("class-load-25.txt");
        for (String kind : List.of("1", "aot")) {
            String flag = kind.equals("aot") ? "-XX:AOTCache=" + made + ".aot" : "-XX:SharedArchiveFile=" + made + ".jsa";
            Map<String, String> env = Map.of("PATH", tmp.resolve("tools").toString(), "JAVA_HOME", Java25.home().toString(),
                    "DWELL_CDS", kind, "JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags -Xlog:class+load:file=" + classes);
            for (String run : List.of("first", "second")) {
                Path out = tmp.resolve("out-25-" + kind + "-" + run);
                Ran ran = scanExamples(home, out, tmp, env, "stderr-25-" + kind + "-" + run + ".txt");
                assertEquals(run.equals("first"), ran.stderr().contains("dwell: preparing the class-data archive (once)..."),
                        kind + " " + run + ": " + ran.stderr());
                assertFalse(ran.stderr().contains("WARNING"), ran.stderr());
                Set<String> flags = Set.of(ran.stdout().lines().findFirst().orElseThrow().split(" "));
                assertTrue(flags.contains(flag), flags.toString());
                assertTrue(Files.readAllLines(classes).stream().anyMatch(l -> l.contains(" dwell.cli.Main source: shared objects file")),
                        "dwell's classes load from the " + kind);
                assertEquals(findings, Files.readString(out.resolve("findings.jsonl")));
            }
        }
        assertTrue(Files.isRegularFile(home.resolve("lib/dwell.jsa")), "Java 17's archive stays beside them");
        assertFalse(Files.exists(Path.of(made + ".jsa.failed")) || Files.exists(Path.of(made + ".aot.failed")));
    }

    /** What a run printed. */
    private record Ran(String stdout, String stderr) {
    }

    /** Runs the release's {@code bin/dwell scan} of examples/ in {@code dir} with only {@code env}; it must exit 0. */
    private Ran scanExamples(Path home, Path out, Path dir, Map<String, String> env, String stderrFile, String... more)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/dwell").toString(), "scan",
                Dwell.root().resolve("examples").toString(), "--out", out.toString()));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path err = tmp.resolve(stderrFile);
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String stdout;
        try (InputStream in = p.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bin/dwell scan did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        return new Ran(stdout, stderr);
    }

    /** What bash offers for the last word, with the archive's completion script loaded. */
    private static String complete(Path home, String... words) throws Exception {
        String script = "source \"$1\" 2>/dev/null; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; "
                + "_complete_dwell 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "bash", home.resolve("completion/dwell.bash").toString()));
        cmd.addAll(List.of(words));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        return out.strip();
    }

    /** Unpacks with the archive's Unix modes, as unzip does. */
    private static Path unzip(Path zip, Path into) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>(Collections.list(z.getEntries()));
            for (ZipArchiveEntry e : entries) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                int mode = e.getUnixMode();
                if (mode != 0) Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(mode)));
            }
        }
        return into;
    }

    private static String rwx(int mode) {
        StringBuilder b = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) b.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        return b.toString();
    }
}
