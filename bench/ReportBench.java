import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.report.Reports;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes N synthetic findings, then times the case import and the HTML report (bench/report.sh runs it). */
public class ReportBench {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("findings.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String t = String.format("20%02d-%02d-%02dT%02d:%02d:00Z", 19 + i % 3, 1 + i % 12, 1 + i % 28, i % 24, i % 60);
                w.write("{\"id\":\"" + Integer.toHexString(0x10000000 + i) + "\",\"time\":\"" + t + "\",\"detector\":\"ioc\","
                        + "\"rule\":{\"id\":\"r" + (i % 500) + "\",\"title\":\"Rule number " + (i % 500) + "\",\"level\":\""
                        + (i % 7 == 0 ? "high" : "medium") + "\",\"tags\":[\"attack.t1190\"]},\"host\":\"EXCH0" + (i % 4) + "\","
                        + "\"evidence\":{\"path\":\"inetpub/logs/LogFiles/W3SVC1/u_ex" + (i % 700) + ".log\",\"sha256\":\""
                        + "ab".repeat(32) + "\",\"format\":\"iis-w3c\",\"line\":" + i + ",\"record\":0},"
                        + "\"event\":{\"c-ip\":\"198.51.100." + (i % 250) + "\",\"cs-uri-stem\":\"/owa/auth/x" + (i % 90) + ".aspx\","
                        + "\"cs-method\":\"POST\"},\"indicators\":[{\"type\":\"ip\",\"value\":\"198.51.100." + (i % 250) + "\"}]}\n");
            }
        }
        Path db = dir.resolve("case.duckdb");
        Files.deleteIfExists(db);
        long t0 = System.nanoTime();
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(dir, new RunInfo("bench", "0.1.0", "-", Instant.now(), Instant.now()));
        }
        long t1 = System.nanoTime();
        Reports.write(db, Reports.Kind.html, dir.resolve("report.html"), "bench", "amber", 0);
        long t2 = System.nanoTime();
        System.out.printf("findings: %d%ncase file import: %.1f s (%d MB)%nhtml report: %.1f s (%d MB)%n", n, (t1 - t0) / 1e9,
                Files.size(db) >> 20, (t2 - t1) / 1e9, Files.size(dir.resolve("report.html")) >> 20);
    }
}
