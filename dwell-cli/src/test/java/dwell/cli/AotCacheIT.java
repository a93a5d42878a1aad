package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./dwell on Java 25 (issue 20): with DWELL_CDS=aot an AOT cache instead of the class-data archive, made once per build
 * beside it under the runtime's version, used by every run, left alone once the jar is newer; by default an archive
 * of its own, named alike; the findings are Java 17's.
 */
class AotCacheIT {
    private static final Path TARGET = Dwell.root().resolve("dwell-cli/target");
    private static final Path JAR = TARGET.resolve("dwell-cli.jar");

    @TempDir
    Path tmp;

    @Test
    void java25RunsFromAnAotCacheMadeOncePerBuild() throws Exception {
        Map<String, String> java25 = Map.of("PATH", Java25.path(), "DWELL_CDS", "aot");
        Path aot = TARGET.resolve("dwell-java-" + runtimeVersion(Java25.home()) + ".aot");
        Path jsa = TARGET.resolve("dwell-java-" + runtimeVersion(Java25.home()) + ".jsa");
        Dwell.Result on17 = scan("on17", Map.of());
        scan("first", java25);
        assertTrue(Files.isRegularFile(aot), "the first run on Java 25 makes " + aot);
        FileTime made = Files.getLastModifiedTime(aot);
        assertTrue(made.compareTo(Files.getLastModifiedTime(JAR)) >= 0, "made from the current jar");

        Dwell.Result on25 = scan("on25", traced(java25));
        assertTrue(flags(on25).contains("-XX:AOTCache=" + aot), on25.out());
        assertTrue(fromCache(), "dwell's classes come from the cache");
        assertEquals(made, Files.getLastModifiedTime(aot), "made once");
        assertFalse(on25.err().contains("WARNING"), "no warning of DuckDB's native library: " + on25.err());
        assertFalse(on17.out().contains("AOTCache"));
        assertEquals(findings("on17"), findings("on25"));

        Dwell.Result archived = scan("archived", traced(Map.of("PATH", Java25.path())));
        assertTrue(flags(archived).contains("-XX:SharedArchiveFile=" + jsa), archived.out());
        assertTrue(fromCache(), "dwell's classes come from Java 25's archive");
        assertEquals(findings("on17"), findings("archived"));

        Path failed = Path.of(aot + ".failed");
        FileTime jarTime = Files.getLastModifiedTime(JAR);
        try {
            // a jar newer than the cache, and a failed training since: the stale cache is not used, nor retrained
            Files.setLastModifiedTime(JAR, FileTime.fromMillis(made.toMillis() + 2000));
            Files.writeString(failed, "");
            Files.setLastModifiedTime(failed, FileTime.fromMillis(made.toMillis() + 3000));
            Dwell.Result stale = scan("stale", traced(java25));
            assertFalse(flags(stale).stream().anyMatch(f -> f.startsWith("-XX:AOTCache")), stale.out());
            assertFalse(fromCache(), "dwell's classes come from the jar");
            assertEquals(made, Files.getLastModifiedTime(aot), "a failed training is not retried");
            assertEquals(findings("on17"), findings("stale"));

            Files.delete(failed);
            Dwell.Result retrained = scan("retrained", traced(java25));
            assertTrue(Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(JAR)) >= 0, "made anew");
            assertTrue(flags(retrained).contains("-XX:AOTCache=" + aot), retrained.out());
            assertTrue(fromCache());
        } finally {
            Files.deleteIfExists(failed);
            Files.setLastModifiedTime(JAR, jarTime);
        }
    }

    /** JAVA_RUNTIME_VERSION of a runtime's release file, which names its cache. */
    static String runtimeVersion(Path javaHome) throws Exception {
        return Files.readAllLines(javaHome.resolve("release")).stream().filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
                .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "")).findFirst().orElseThrow();
    }

    private Map<String, String> traced(Map<String, String> env) {
        // the JVM prints its options first on stdout, and logs where each class came from
        return Map.of("PATH", env.get("PATH"), "DWELL_CDS", env.getOrDefault("DWELL_CDS", "1"),
                "JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags -Xlog:class+load:file=" + tmp.resolve("class-load.txt"));
    }

    private static Set<String> flags(Dwell.Result r) {
        return Set.of(r.out().lines().findFirst().orElseThrow().split(" "));
    }

    private boolean fromCache() throws Exception {
        List<String> loads = Files.readAllLines(tmp.resolve("class-load.txt"));
        return loads.stream().anyMatch(l -> l.contains(" dwell.cli.Main source: shared objects file"));
    }

    private Dwell.Result scan(String name, Map<String, String> env) throws Exception {
        Dwell.Result r = Dwell.run(env, "scan", Dwell.root().resolve("examples").toString(), "--out", tmp.resolve(name).toString());
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    private String findings(String name) throws Exception {
        return Files.readString(tmp.resolve(name).resolve("findings.jsonl"));
    }
}
