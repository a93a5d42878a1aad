import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.report.Reports;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A scan's case stage in one JVM, each step's wall and process CPU time (DuckDB's own threads included), repeated
 * on fresh case files: opening the case (schema included), importing a scan's output folder, writing the HTML report
 * (with DuckDB's checkpoint beside it where the tree has {@code CaseFile.checkpointBeside}) and closing (the
 * checkpoint, or waiting for it). Run it with each tree's jars to compare two trees. Usage, from a built tree:
 * java -XX:TieredStopAtLevel=1 -Djava.library.path=dwell-cli/target/duckdb-native
 *   -cp "dwell-cli/target/dwell-cli.jar:dwell-cli/target/lib/*" bench/CaseStageBench.java OUT_FOLDER_OF_A_SCAN ROUNDS
 */
public class CaseStageBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static long wall;
    private static long cpu;

    private static void mark(String step) {
        long w = System.nanoTime(), c = OS.getProcessCpuTime();
        System.out.printf("%-12s wall %6.3f s cpu %6.3f s%n", step, (w - wall) / 1e9, (c - cpu) / 1e9);
        wall = w;
        cpu = c;
    }

    /** As the scan's case stage does since the scantail round; an older tree's CaseFile has no such method. */
    private static void checkpointBeside(CaseFile c) throws Exception {
        try {
            CaseFile.class.getMethod("checkpointBeside").invoke(c);
        } catch (NoSuchMethodException e) {
            // the older tree checkpoints in close()
        }
    }

    public static void main(String[] args) throws Exception {
        Path scan = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            c.createStatement().execute("SELECT 1"); // DuckDB started, as the scan's warm-up thread has it
        }
        for (int r = 0; r < rounds; r++) {
            Path dir = Files.createTempDirectory("case-stage-bench");
            for (String f : new String[] {"inventory.json", "findings.jsonl", "incidents.json", "summary.json"}) {
                if (Files.exists(scan.resolve(f))) Files.copy(scan.resolve(f), dir.resolve(f));
            }
            Path db = dir.resolve("case.duckdb");
            wall = System.nanoTime();
            cpu = OS.getProcessCpuTime();
            try (CaseFile c = CaseFile.open(db)) {
                mark("open");
                c.importRun(dir, new RunInfo("dwell scan", "bench", "-", Instant.EPOCH, Instant.EPOCH));
                mark("import");
                checkpointBeside(c);
                Reports.write(c, db, Reports.Kind.html, dir.resolve("report.html"), "dwell", "amber", 0);
                mark("report");
            }
            mark("close");
            System.out.println("--");
        }
    }
}
