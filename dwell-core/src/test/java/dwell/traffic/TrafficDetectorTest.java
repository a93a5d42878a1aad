package dwell.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.evidence.CatalogLimits;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.HuntResult;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.ScanOptions;
import dwell.testkit.TrafficLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planted episodes of {@link TrafficLogs} are found with the figures the generator counted as it wrote them,
 * and none of its benign look-alikes (Monday peak, nightly job, probes, NTLM challenges, a stale phone, an office's
 * typos, a targeted user's own logon) becomes a finding; the same whatever the thread count.
 */
class TrafficDetectorTest {
    @TempDir
    static Path dir;
    static TrafficLogs.Expected expected;
    static List<Finding> findings;

    @BeforeAll
    static void scan() throws Exception {
        expected = TrafficLogs.write(dir);
        // a second server, busy with its own users while the first is sprayed: its chart is not the spray's
        Instant spray = Instant.parse(expected.sprayStart());
        StringBuilder quiet = new StringBuilder(TrafficLogs.FIELDS + "\n");
        for (int i = 0; i < 30; i++) {
            String t = spray.plusSeconds(60L * i).toString();
            quiet.append(t, 0, 10).append(' ').append(t, 11, 19).append(" 10.0.0.22 GET /owa/ - 443 CONTOSO\\user").append(i)
                    .append(" 10.20.30.").append(i + 1).append(" Mozilla/5.0 - 200 0 0 15\n");
        }
        Files.createDirectories(dir.resolve("W3SVC2"));
        Files.writeString(dir.resolve("W3SVC2").resolve("u_ex" + expected.sprayStart().substring(2, 10).replace("-", "") + ".log"),
                quiet);
        findings = hunt(2);
    }

    /** The series of the first server's logs, where every planted episode was logged. */
    private static String attacked() {
        return "iis-w3c -/" + dir.getFileName();
    }

    static List<Finding> hunt(int threads) throws Exception {
        return hunt(new ScanOptions(null, null, Level.INFORMATIONAL, threads));
    }

    static List<Finding> hunt(ScanOptions options) throws Exception {
        TrafficDetector d = TrafficDetector.builtin(CatalogLimits.DEFAULT, options);
        HuntResult r = new HuntEngine(List.of(d), options, CatalogLimits.DEFAULT).run(List.of(dir));
        return r.findings();
    }

    private static Finding only(String rule) {
        List<Finding> fs = findings.stream().filter(f -> f.rule().id().equals(rule)).toList();
        assertEquals(1, fs.size(), rule + ": " + fs);
        return fs.get(0);
    }

    @Test
    void exactlyThePlantedEpisodes() {
        assertEquals(List.of("traffic.password-spray", "traffic.spray-success", "traffic.brute-force", "traffic.flood"),
                findings.stream().map(f -> f.rule().id()).toList());
    }

    @Test
    void floodWithItsFigures() {
        Finding f = only("traffic.flood");
        Map<String, Object> d = f.details();
        assertEquals(expected.floodStart(), d.get("start"));
        assertEquals(expected.floodEnd(), d.get("end"));
        assertEquals(expected.floodRequests(), d.get("requests"));
        assertEquals((int) expected.floodSources(), d.get("sources"));
        assertEquals(expected.floodPeak(), d.get("peak_per_minute"));
        assertEquals(expected.floodServerErrors(), d.get("server_errors"));
        assertEquals(true, d.get("distributed"));
        assertTrue((Double) d.get("baseline_per_minute") < 40, "baseline " + d.get("baseline_per_minute"));
        assertEquals(expected.floodStart(), f.time().toString());
        // the monitoring probe, busier than any one flooding address, was there the hour before: no indicator
        assertEquals(20, f.indicators().size());
        assertTrue(f.indicators().stream().allMatch(i -> i.type().equals("ip") && TrafficLogs.isFloodSource(i.value())),
                f.indicators().toString());
        assertEquals(Level.HIGH, f.rule().level());
    }

    @Test
    void sprayWithItsFigures() {
        Finding f = only("traffic.password-spray");
        Map<String, Object> d = f.details();
        assertEquals(expected.sprayStart(), d.get("start"));
        assertEquals(expected.sprayEnd(), d.get("end"));
        assertEquals(expected.sprayAttempts(), d.get("attempts"));
        assertEquals((int) expected.sprayAccounts(), d.get("accounts"));
        assertEquals(2, d.get("sources"));
        assertEquals(TrafficLogs.SPRAY_NETWORK, d.get("network"));
        assertEquals(1, d.get("fell"));
        assertEquals(List.of(attacked()), d.get("series"), "the series its failures were logged in, not the quiet server's");
        assertEquals(List.of(new Indicator("ip", TrafficLogs.SPRAY_SOURCE_1), new Indicator("ip", TrafficLogs.SPRAY_SOURCE_2)),
                f.indicators());
    }

    @Test
    void theAccountThatFell() {
        Finding f = only("traffic.spray-success");
        assertEquals(Level.CRITICAL, f.rule().level());
        assertEquals(expected.fellTime(), f.time().toString());
        assertEquals(TrafficLogs.FELL_ACCOUNT, f.details().get("account"));
        assertEquals(TrafficLogs.SPRAY_SOURCE_1, f.details().get("source"));
        assertEquals(2L, f.details().get("failed_attempts"));
        assertEquals(attacked(), f.details().get("series"));
        Finding spray = only("traffic.password-spray");
        assertEquals(spray.evidence().path(), f.details().get("episode_path"));
        assertEquals(spray.evidence().line(), f.details().get("episode_line"));
        assertEquals(List.of(new Indicator("account", TrafficLogs.FELL_ACCOUNT), new Indicator("ip", TrafficLogs.SPRAY_SOURCE_1),
                new Indicator("account-address", TrafficLogs.FELL_ACCOUNT + " from " + TrafficLogs.SPRAY_SOURCE_1)), f.indicators());
    }

    @Test
    void bruteForceWithItsFigures() {
        Finding f = only("traffic.brute-force");
        Map<String, Object> d = f.details();
        assertEquals(expected.bruteStart(), d.get("start"));
        assertEquals(expected.bruteEnd(), d.get("end"));
        assertEquals(expected.bruteAttempts(), d.get("attempts"));
        assertEquals(TrafficLogs.BRUTE_ACCOUNT, d.get("account"));
        assertEquals(1, d.get("sources"));
        assertEquals(List.of(attacked()), d.get("series"));
        assertEquals(List.of(new Indicator("ip", TrafficLogs.BRUTE_SOURCE)), f.indicators());
        // the account tried is the victim: the finding's event does not name it for the pivot to follow
        assertEquals(null, f.event().get("cs-username"));
        assertEquals(TrafficLogs.BRUTE_SOURCE, f.event().get("c-ip"));
    }

    @Test
    void windowEndingBeforeTheSuccessKeepsTheSprayAlone() throws Exception {
        // --until between the spray's end and the success: the success, outside the window, is never read again
        Instant until = Instant.parse(expected.fellTime()).minusSeconds(1);
        List<Finding> early = hunt(new ScanOptions(null, until, Level.INFORMATIONAL, 2));
        assertEquals(List.of("traffic.password-spray"), early.stream().map(f -> f.rule().id()).toList());
        assertEquals(0, early.get(0).details().get("fell"));
    }

    @Test
    void sameFindingsWithOneThread() throws Exception {
        assertEquals(findings, hunt(1));
    }
}
