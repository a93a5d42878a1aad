package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorJarsTest {
    private static final Path LIB = Path.of("/opt/dwell/lib");
    private static final Path SPARK = Path.of("/opt/dwell/spark-lib");

    private static String classPath(String... entries) {
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void sparksOwnFolderAndDriverOnlyJarsAreNotShippedTheRestInClassPathOrder() {
        String cp = classPath("/opt/dwell/dwell-cli.jar", LIB + "/dwell-core-0.1.0.jar", LIB + "/duckdb_jdbc-1.4.4.0.jar",
                LIB + "/re2j-1.8.jar", "/opt/dwell/classes", SPARK + "/spark-core_2.13-3.5.8.jar", LIB + "/jetty-server-12.1.12.jar",
                "/opt/dwell/dwell-spark.jar");
        assertEquals(List.of("file:///opt/dwell/dwell-cli.jar", "file:///opt/dwell/lib/dwell-core-0.1.0.jar",
                        "file:///opt/dwell/lib/re2j-1.8.jar", "file:///opt/dwell/dwell-spark.jar"),
                ExecutorJars.of(cp, SPARK, List.of("duckdb_jdbc-", "jetty-")));
    }

    @Test
    void withoutSparksFolderOnlyTheDriverOnlyPrefixesAreLeftOut() {
        assertEquals(List.of("file:///opt/dwell/lib/dwell-core-0.1.0.jar"),
                ExecutorJars.of(classPath(LIB + "/dwell-core-0.1.0.jar", LIB + "/dwell-case-0.1.0.jar"), null, List.of("dwell-case-")));
    }

    /** The shipped list: DuckDB (80 of the 92 MB) and the workbench are the driver's; dwell-core and its libraries are not. */
    @Test
    void theDriverOnlyListNamesTheCaseFileAndTheWorkbenchAndNothingTheTasksLoad() {
        List<String> driverOnly = ExecutorJars.driverOnly();
        assertTrue(driverOnly.containsAll(List.of("duckdb_jdbc-", "dwell-case-", "dwell-serve-", "javalin-", "jetty-")), driverOnly.toString());
        for (String needed : List.of("dwell-core-0.1.0.jar", "dwell-spark.jar", "jackson-databind-2.22.3.jar", "re2j-1.8.jar",
                "commons-compress-1.28.0.jar", "snakeyaml-2.5.jar", "jackson-dataformat-yaml-2.22.3.jar", "dwell-cli.jar")) {
            assertFalse(driverOnly.stream().anyMatch(needed::startsWith), needed);
        }
    }
}
