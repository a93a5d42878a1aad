package dwell.exchange.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.csv.CsvLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExposureDetectorTest {
    static MapEvent csvRow(String item, long line, String name, String version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Name", name);
        f.put("AdminDisplayVersion", version);
        f.put("ServerRole", "Mailbox");
        return new MapEvent(null, CsvLog.ID, LogSource.NONE, f, name + "," + version, Provenance.line(item, line), null);
    }

    static MapEvent iis(String time, String host) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cs-uri-stem", "/owa/auth/logon.aspx");
        if (host != null) f.put("s-computername", host);
        return new MapEvent(Instant.parse(time), IisW3cLog.ID, LogSource.webserver(), f, "", Provenance.line("u_ex.log", 5), host);
    }

    static List<Finding> run(List<MapEvent> events) {
        ExposureDetector d = new ExposureDetector(ExposureAssessorTest.ASSESSOR);
        List<Finding> out = new ArrayList<>();
        events.forEach(e -> d.onEvent(e, out::add));
        assertTrue(out.isEmpty(), "findings only at the end");
        d.finish(out::add);
        return out;
    }

    static Finding find(List<Finding> fs, String host, String cve) {
        return fs.stream().filter(f -> f.host().equals(host) && f.rule().tags().contains("cve." + cve.substring(4)))
                .findFirst().orElseThrow(() -> new AssertionError(host + " " + cve + " not in " + fs.size() + " findings"));
    }

    @Test
    void theAssessorIsAskedForOnlyWhenAnInventoryRowIsAssessed() {
        // the shipped catalogs cost a scan's rule phase ~26 ms on C1, and most scans hold no inventory row
        AtomicInteger made = new AtomicInteger();
        ExposureDetector d = new ExposureDetector(() -> {
            made.incrementAndGet();
            return ExposureAssessorTest.ASSESSOR;
        });
        List<Finding> out = new ArrayList<>();
        d.onEvent(iis("2021-03-10T08:00:00Z", "EXCH01"), out::add);
        d.finish(out::add);
        assertTrue(out.isEmpty());
        assertEquals(0, made.get(), "no inventory row: no assessor");

        ExposureDetector withRows = new ExposureDetector(() -> {
            made.incrementAndGet();
            return ExposureAssessorTest.ASSESSOR;
        });
        withRows.onEvent(csvRow("inv/servers.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"), out::add);
        withRows.onEvent(csvRow("inv/servers.csv", 3, "EXCH02", "Version 15.1 (Build 2106.2)"), out::add);
        withRows.finish(out::add);
        assertFalse(out.isEmpty());
        assertTrue(made.get() >= 1, "rows are assessed");
    }

    @Test
    void theBuiltinAssessorWhenNeededIsMadeOnceAtItsFirstUse() {
        Supplier<ExposureAssessor> s = ExposureAssessor.builtinWhenNeeded();
        ExposureAssessor first = s.get();
        assertSame(first, s.get());
        assertEquals(ExposureAssessor.builtin().builds().all().size(), first.builds().all().size());
    }

    @Test
    void proxyLogonWindowIsCoveredByTheServersOwnLogs() {
        List<Finding> fs = run(List.of(
                csvRow("inv/servers.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                iis("2020-12-01T00:00:00Z", "EXCH01.contoso.local"),
                iis("2021-03-10T08:00:00Z", "exch01"),
                iis("2021-03-12T08:00:00Z", "EXCH02")));
        Finding f = find(fs, "EXCH01", "CVE-2021-26855");
        assertEquals("exposure", f.detector());
        assertEquals("exposure.cve-2021-26855", f.rule().id());
        assertTrue(f.rule().tags().contains("cve.2021-26855"));
        assertTrue(f.rule().tags().contains("exposure.at-risk"));
        assertEquals(Level.HIGH, f.rule().level()); // exploited, but the inventory cannot show the SU
        assertEquals(Instant.parse("2021-03-10T08:00:00Z"), f.time()); // EXCH01's last log event, not the window start
        assertEquals("server-logs", f.details().get("dated_by"));
        assertEquals("inv/servers.csv", f.evidence().path());
        assertEquals(2, f.evidence().line());
        assertEquals("csv", f.evidence().format());
        Map<String, Object> d = f.details();
        assertEquals("2021-01-06T00:00:00Z", d.get("window_start"));
        assertEquals("2021-03-12T08:00:00Z", d.get("window_end"));
        assertEquals("2020-12-01T00:00:00Z", d.get("host_first"));
        assertEquals("2021-03-10T08:00:00Z", d.get("host_last"));
        assertEquals("partial", d.get("coverage")); // EXCH01's own logs stop two days before the evidence ends
        assertEquals("full", d.get("evidence_coverage"));
        assertEquals(false, d.get("covers_window"));
        assertEquals("cu-only", d.get("certainty"));
        assertEquals("vulnerable", d.get("status"));
        assertTrue(d.get("remedy").toString().contains("unless Mar21SU"));

        Finding shell = find(fs, "EXCH01", "CVE-2021-34473");
        assertEquals(Level.CRITICAL, shell.rule().level()); // CU18 never received Apr21SU: certainly open, exploited
        assertEquals("2021-08-12T00:00:00Z", shell.details().get("window_start"));
        assertEquals("none", shell.details().get("coverage")); // the logs end before ProxyShell was exploited
    }

    @Test
    void fullCoverageAndNoLogs() {
        List<Finding> covered = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                iis("2020-12-01T00:00:00Z", "EXCH01"), iis("2021-09-01T00:00:00Z", "EXCH01")));
        assertEquals("full", find(covered, "EXCH01", "CVE-2021-26855").details().get("coverage"));
        assertEquals(true, find(covered, "EXCH01", "CVE-2021-26855").details().get("covers_window"));

        List<Finding> bare = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)")));
        Finding f = find(bare, "EXCH01", "CVE-2021-26855");
        assertEquals("no-logs", f.details().get("coverage"));
        assertNull(f.details().get("window_end"));

        List<Finding> anonymous = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                iis("2020-12-01T00:00:00Z", null), iis("2021-09-01T00:00:00Z", null)));
        Finding a = find(anonymous, "EXCH01", "CVE-2021-26855");
        assertEquals("no-host-logs", a.details().get("coverage"));
        assertEquals("full", a.details().get("evidence_coverage"));
    }

    @Test
    void everyExposureIsDatedWhenTheEvidenceLastShowsTheServer() {
        List<Finding> fs = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                iis("2020-12-01T00:00:00Z", "EXCH01.contoso.local"), iis("2021-03-09T18:19:15Z", "exch01"),
                iis("2021-03-09T18:20:41Z", null)));
        assertTrue(fs.size() > 50, "CU18 misses years of updates");
        for (Finding f : fs) {
            // not the day a CVE was first exploited or published (years after these logs for most of them)
            assertEquals(Instant.parse("2021-03-09T18:19:15Z"), f.time(), f.rule().id());
            assertEquals("server-logs", f.details().get("dated_by"));
        }
        Finding later = find(fs, "EXCH01", "CVE-2023-21529");
        assertEquals("2026-04-13T00:00:00Z", later.details().get("window_start"));

        // no log names the server: the evidence's last log event
        List<Finding> anonymous = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                iis("2020-12-01T00:00:00Z", null), iis("2021-03-09T18:20:41Z", "OTHER")));
        for (Finding f : anonymous) {
            assertEquals(Instant.parse("2021-03-09T18:20:41Z"), f.time(), f.rule().id());
            assertEquals("evidence-logs", f.details().get("dated_by"));
        }

        // nothing but the inventory: undated, not dated by knowledge about the CVE
        List<Finding> bare = run(List.of(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                csvRow("s.csv", 3, "OLD", "Version 14.3 (Build 123.4)")));
        for (Finding f : bare) {
            assertNull(f.time(), f.rule().id());
            assertNull(f.details().get("dated_by"));
        }
        assertTrue(bare.stream().anyMatch(f -> f.rule().id().equals("exposure.unsupported-product")));
    }

    @Test
    void unsupportedAndUnknownServersGetTheirOwnFinding() {
        List<Finding> fs = run(List.of(csvRow("s.csv", 2, "OLD", "Version 14.3 (Build 123.4)"),
                csvRow("s.csv", 3, "ODD", "garbage")));
        assertTrue(fs.stream().anyMatch(f -> f.host().equals("OLD") && f.rule().id().equals("exposure.unsupported-product")));
        assertTrue(fs.stream().anyMatch(f -> f.host().equals("ODD") && f.rule().id().equals("exposure.unknown-build")));
    }

    @Test
    void patchedServerAndOtherCsvGiveNothing() {
        Map<String, String> other = new LinkedHashMap<>();
        other.put("user", "x");
        List<Finding> fs = run(List.of(csvRow("s.csv", 2, "SE01", "Version 15.2 (Build 2562.46)"),
                new MapEvent(null, CsvLog.ID, LogSource.NONE, other, "x", Provenance.line("o.csv", 2), null)));
        // SE RTM at CU level: at risk only for updates the inventory cannot show, none exploited
        assertTrue(fs.stream().allMatch(f -> f.host().equals("SE01")));
        assertTrue(fs.stream().noneMatch(f -> f.rule().level() == Level.CRITICAL));
    }

    @Test
    void aServerListedTwiceIsAssessedOnceOnItsHighestBuildWhateverTheOrder() {
        List<MapEvent> events = List.of(csvRow("a.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"),
                csvRow("b.csv", 2, "exch01", "Version 15.1 (Build 2507.6)"));
        List<Finding> one = run(events);
        List<Finding> two = run(List.of(events.get(1), events.get(0)));
        assertEquals(one, two);
        assertTrue(one.stream().allMatch(f -> f.evidence().path().equals("b.csv")));
        assertFalse(one.stream().anyMatch(f -> f.rule().tags().contains("cve.2021-26855")));
    }

    @Test
    void eventsFromManyThreads() {
        ExposureDetector d = new ExposureDetector(ExposureAssessorTest.ASSESSOR);
        List<Finding> out = java.util.Collections.synchronizedList(new ArrayList<>());
        d.onEvent(csvRow("s.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"), out::add);
        IntStream.range(0, 20_000).parallel().forEach(i ->
                d.onEvent(iis(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(i * 60L).toString(), "EXCH01"), out::add));
        d.finish(out::add);
        Finding f = find(out, "EXCH01", "CVE-2021-26855");
        assertEquals("2021-01-01T00:00:00Z", f.details().get("host_first"));
        assertEquals(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(19_999 * 60L).toString(), f.details().get("host_last"));
    }
}
