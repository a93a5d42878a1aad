package dwell.exchange.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.HuntEngine;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProvenExposureTest {
    /** Only findings of detector "sigma" or "exchange" count as the pack's in these tests. */
    static final ProvenExposure STAGE = new ProvenExposure(f -> f.detector().equals("sigma") || f.detector().equals("exchange"));

    /** The exposure findings of EXCH01 (Exchange 2016 CU18, logs up to 2021-03-09). */
    static List<Finding> exposure() {
        ExposureDetector d = new ExposureDetector(ExposureAssessorTest.ASSESSOR);
        List<Finding> out = new ArrayList<>();
        d.onEvent(ExposureDetectorTest.csvRow("inv.csv", 2, "EXCH01", "Version 15.1 (Build 2106.2)"), out::add);
        d.onEvent(ExposureDetectorTest.iis("2021-03-09T18:00:00Z", "EXCH01"), out::add);
        d.finish(out::add);
        return out;
    }

    static Finding check(String detector, String cve, Level level, String host, String time, long line) {
        RuleRef rule = new RuleRef("rule-" + cve + "-" + level.id(), "check of " + cve, level,
                List.of("attack.t1190", "cve." + cve));
        return Finding.of(Instant.parse(time), detector, rule, host, new EvidenceRef("log.LOG", null, "iis-w3c", line, 0),
                Map.of(), List.of(), Map.of());
    }

    static List<Finding> scan(Finding... proofs) {
        List<Finding> all = new ArrayList<>(exposure());
        all.addAll(List.of(proofs));
        all.sort(HuntEngine.ORDER);
        return all;
    }

    static Finding exposureTo(List<Finding> fs, String cve) {
        return fs.stream().filter(f -> f.rule().id().equals("exposure.cve-" + cve)).findFirst().orElseThrow();
    }

    @Test
    void exploitationProvenOnTheServerMakesItsExposureCritical() {
        Finding ssrf = check("sigma", "2021-26855", Level.HIGH, "EXCH01.contoso.local", "2021-03-03T01:18:03Z", 7);
        Finding again = check("exchange", "2021-26855", Level.CRITICAL, "exch01", "2021-03-03T01:17:58Z", 3);
        List<Finding> in = scan(ssrf, again);
        Finding before = exposureTo(in, "2021-26855");
        assertEquals(Level.HIGH, before.rule().level()); // CU18: at risk, the update cannot be seen

        List<Finding> out = STAGE.apply(in);
        assertEquals(in.size(), out.size());
        Finding after = exposureTo(out, "2021-26855");
        assertEquals(Level.CRITICAL, after.rule().level());
        assertEquals(before.id(), after.id());
        assertEquals(before.time(), after.time());
        assertEquals(before.rule().id(), after.rule().id());
        assertEquals("Exposed to CVE-2021-26855: ProxyLogon server-side request forgery - exploited on this server",
                after.rule().title());
        assertTrue(after.rule().tags().containsAll(List.of("cve.2021-26855", "exposure.at-risk", "exposure.exploited")));
        Map<String, Object> d = after.details();
        assertEquals(true, d.get("exploited_on_server"));
        assertEquals("high", d.get("level_before_proof"));
        assertEquals(2, d.get("proof_count"));
        assertEquals("2021-03-03T01:17:58Z", d.get("first_proof"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refs = (List<Map<String, Object>>) d.get("proven_by");
        assertEquals(List.of(again.id(), ssrf.id()), refs.stream().map(r -> r.get("id")).toList());
        assertEquals(Map.of("id", ssrf.id(), "time", "2021-03-03T01:18:03Z", "detector", "sigma",
                "rule", "rule-2021-26855-high", "title", "check of 2021-26855", "level", "high",
                "host", "EXCH01.contoso.local"), refs.get(1));
        // what the build says stays
        assertEquals(before.details().get("exposure"), d.get("exposure"));
        assertEquals(before.details().get("window_start"), d.get("window_start"));
        // only that CVE's exposure changes, and the order of the findings is kept
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) != before) assertSame(in.get(i), out.get(i));
            else assertSame(after, out.get(i));
        }
    }

    @Test
    void anAlreadyCriticalExposureKeepsItsLevelAndGainsTheProof() {
        List<Finding> out = STAGE.apply(scan(check("sigma", "2021-34473", Level.HIGH, "EXCH01", "2021-03-05T00:00:00Z", 1)));
        Finding shell = exposureTo(out, "2021-34473");
        assertEquals(Level.CRITICAL, shell.rule().level());
        assertEquals("critical", shell.details().get("level_before_proof"));
        assertEquals(1, shell.details().get("proof_count"));
    }

    @Test
    void exploitationOnAnotherServerChangesNothing() {
        List<Finding> in = scan(check("sigma", "2021-26855", Level.CRITICAL, "EXCH02.contoso.local", "2021-03-03T01:18:03Z", 7),
                check("sigma", "2021-26855", Level.CRITICAL, "exch011", "2021-03-03T01:18:04Z", 8));
        assertEquals(in, STAGE.apply(in));
    }

    @Test
    void aFindingBelowHighProvesNothing() {
        List<Finding> in = scan(check("sigma", "2021-26855", Level.MEDIUM, "EXCH01", "2021-03-03T01:18:03Z", 7),
                check("sigma", "2021-26855", Level.LOW, "EXCH01", "2021-03-03T01:18:04Z", 8),
                check("sigma", "2021-26855", Level.INFORMATIONAL, "EXCH01", "2021-03-03T01:18:05Z", 9));
        assertEquals(in, STAGE.apply(in));
    }

    @Test
    void aFindingWithoutAHostOrFromOtherRulesProvesNothing() {
        List<Finding> in = scan(check("sigma", "2021-26858", Level.CRITICAL, null, "2021-03-03T01:45:02Z", 4),
                check("sigma", "2021-26858", Level.CRITICAL, " ", "2021-03-03T01:45:03Z", 5),
                check("correlation", "2021-26855", Level.CRITICAL, "EXCH01", "2021-03-03T01:18:03Z", 7));
        assertEquals(in, STAGE.apply(in));
    }

    @Test
    void anotherCvesProofDoesNotCount() {
        List<Finding> out = STAGE.apply(scan(check("sigma", "2021-27065", Level.CRITICAL, "EXCH01", "2021-03-03T01:18:15Z", 7)));
        assertEquals(Level.CRITICAL, exposureTo(out, "2021-27065").rule().level());
        assertEquals(Level.HIGH, exposureTo(out, "2021-26855").rule().level());
        assertFalse(exposureTo(out, "2021-26855").details().containsKey("proven_by"));
    }

    @Test
    void manyProofsAreCountedAndTheFirstOnesListed() {
        Finding[] proofs = IntStream.range(0, 50).mapToObj(i -> check("sigma", "2021-26855", Level.HIGH, "EXCH01",
                Instant.parse("2021-03-05T06:00:00Z").plusSeconds(i).toString(), i + 1)).toArray(Finding[]::new);
        Finding f = exposureTo(STAGE.apply(scan(proofs)), "2021-26855");
        assertEquals(50, f.details().get("proof_count"));
        assertEquals(ProvenExposure.MAX_REFERENCES, ((List<?>) f.details().get("proven_by")).size());
        assertEquals("2021-03-05T06:00:00Z", f.details().get("first_proof"));
    }

    @Test
    void serverNamesMeetHostsOnTheirFirstLabel() {
        assertEquals("exch01", ServerName.key("EXCH01"));
        assertEquals("exch01", ServerName.key("exch01.contoso.local"));
        assertEquals("exch01", ServerName.key(" Exch01.CONTOSO.local "));
        assertEquals("exch02", ServerName.key("EXCH02.contoso.local"));
        assertEquals("10.0.0.21", ServerName.key("10.0.0.21")); // an address is compared whole
        assertEquals("fe80::1", ServerName.key("FE80::1"));
    }
}
