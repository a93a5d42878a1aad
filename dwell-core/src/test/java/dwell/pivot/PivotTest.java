package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.ForEachOnly;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PivotTest {
    private static final String CHROME = PivotCase.CHROME;
    private static final String SERVER = PivotCase.SERVER;

    @Test
    void actorSeenYearsEarlierWithOnlyAnAddressIsDatedBackToThatTrace() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(1), 600);
        c.web("2019-04-11T09:14:02Z", "198.51.100.23", "GET", "/owa/", "-", "python-requests/2.22");
        c.web("2019-06-02T10:00:00Z", "198.51.100.23", "GET", "/ecp/", "-", "python-requests/2.22");
        Event shell = c.web("2021-03-03T08:03:30Z", "198.51.100.23", "POST", "/aspnet_client/system_web/log.aspx", "-",
                "python-requests/2.22");
        c.finding(shell, "China Chopper web shell POST", "attack.t1505.003");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(1, r.incidents().size(), r.incidents().toString());
        Incident inc = r.incidents().get(0);
        assertEquals(Instant.parse("2019-04-11T09:14:02Z"), inc.first());
        assertEquals(Instant.parse("2021-03-03T08:03:30Z"), inc.last());
        assertEquals(692, inc.dwellDays());
        assertTrue(has(inc, "ip", "198.51.100.23"), inc.indicators().toString());
        assertTrue(has(inc, "path", "/aspnet_client/system_web/log.aspx"), inc.indicators().toString());
        assertEquals(List.of("EXCH01"), inc.hosts());
        assertEquals(List.of("T1505.003"), inc.techniques());
        Finding first = r.pivotFindings().stream().filter(f -> f.time().equals(inc.first())).findFirst().orElseThrow();
        assertEquals("pivot", first.detector());
        assertTrue(first.details().get("explanation").toString().startsWith("same c-ip 198.51.100.23 as finding "),
                first.details().toString());
        assertEquals(inc.first(), inc.story().get(0).time());
    }

    @Test
    void findingsWhoseEventsAreWalkedOnlyWithForEachGiveTheSameResult() throws Exception {
        // an EVTX event's field table is walked with forEach, without an entry object per field
        List<PivotResult> results = new ArrayList<>();
        for (boolean forEachOnly : new boolean[] {false, true}) {
            PivotCase c = new PivotCase();
            c.background(new Random(1), 300);
            c.web("2019-04-11T09:14:02Z", "198.51.100.23", "GET", "/owa/", "-", "python-requests/2.22");
            Event shell = c.web("2021-03-03T08:03:30Z", "198.51.100.23", "POST", "/aspnet_client/system_web/log.aspx", "-",
                    "python-requests/2.22");
            c.finding(shell, "China Chopper web shell POST", "attack.t1505.003");
            c.finding(c.web("2021-03-03T08:03:31Z", "203.0.113.5", "GET", "/ecp/y.js", "-", CHROME), "ProxyLogon SSRF");
            if (forEachOnly) {
                c.findings.replaceAll(f -> new Finding(f.id(), f.time(), f.detector(), f.rule(), f.host(), f.evidence(),
                        new ForEachOnly(f.event()), f.indicators(), f.details()));
            }
            results.add(c.run(1, PivotConfig.DEFAULT));
        }
        assertEquals(results.get(0).findings(), results.get(1).findings());
        assertEquals(results.get(0).incidents(), results.get(1).incidents());
        assertFalse(results.get(1).pivotFindings().isEmpty());
    }

    @Test
    void builtInKindsAreReadOnce() {
        assertSame(PivotFields.builtin(), PivotFields.builtin());
    }

    @Test
    void busyProxyAndCommonBrowserDoNotPivotAndTwoActorsStayApart() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(2), 900);
        Event a = c.web("2021-03-02T01:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", CHROME);
        Event b = c.web("2021-03-04T01:00:00Z", "198.51.100.99", "POST", "/owa/auth/Current/themes/resources/logon.css", "-", CHROME);
        c.web("2021-01-04T01:00:00Z", "198.51.100.99", "GET", "/owa/", "-", CHROME);
        Event viaProxy = c.web("2021-03-05T01:00:00Z", "192.0.2.10", "POST", "/owa/auth.owa", "contoso\\user7", CHROME);
        c.finding(a, "ProxyLogon SSRF");
        c.finding(b, "POST to OWA theme resource");
        c.finding(viaProxy, "Suspicious logon through proxy");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        // the proxy address is shared by dozens of accounts and the browser agent by hundreds of addresses
        assertFalse(r.pivotFindings().stream().anyMatch(f -> "192.0.2.10".equals(f.event().get("c-ip"))));
        assertFalse(r.pivotFindings().stream().anyMatch(f -> f.details().get("indicator").toString().contains("user-agent")));
        List<Incident> withA = r.incidents().stream().filter(i -> has(i, "ip", "203.0.113.77")).toList();
        List<Incident> withB = r.incidents().stream().filter(i -> has(i, "ip", "198.51.100.99")).toList();
        assertEquals(1, withA.size());
        assertEquals(1, withB.size());
        assertFalse(withA.get(0).id().equals(withB.get(0).id()), "unrelated actors merged through a common browser");
        assertEquals(Instant.parse("2021-01-04T01:00:00Z"), withB.get(0).first());
    }

    @Test
    void chainOfThreeRoundsAddressThenWebShellPathThenSecondAddress() throws Exception {
        PivotCase c = threeRounds();
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(3, r.rounds().size(), r.rounds().toString());
        assertEquals(1, r.incidents().size());
        Incident inc = r.incidents().get(0);
        assertEquals(Instant.parse("2019-11-20T12:00:00Z"), inc.first());
        Finding last = r.pivotFindings().stream().filter(f -> f.time().equals(inc.first())).findFirst().orElseThrow();
        assertEquals(3, last.details().get("round"));
        assertEquals(Map.of("type", "ip", "value", "198.51.100.44"), last.details().get("indicator"));

        PivotResult shallow = c.run(1, PivotConfig.DEFAULT.withDepth(2));
        assertEquals(Instant.parse("2020-02-01T12:00:00Z"), shallow.incidents().get(0).first());
    }

    @Test
    void eachRoundTellsTheLookupTheEventsItAddedBeforeTheyAreReadBack() throws Exception {
        PivotCase c = threeRounds();
        List<Set<String>> told = new ArrayList<>();
        List<Set<String>> asked = new ArrayList<>();
        PivotResult r = c.run(1, PivotConfig.DEFAULT, PivotFields.builtin(), plain -> new Pivot.EventLookup() {
            @Override
            public Map<String, Map<String, String>> fields(Set<String> keys) {
                asked.add(Set.copyOf(keys));
                return plain.fields(keys);
            }

            @Override
            public void ahead(Set<String> keys) {
                assertTrue(asked.isEmpty(), "told after the read");
                told.add(Set.copyOf(keys));
            }
        });
        assertEquals(3, told.size(), told.toString());
        Set<String> all = new HashSet<>();
        for (Set<String> round : told) {
            assertFalse(round.isEmpty());
            assertTrue(Collections.disjoint(all, round), "told twice: " + round);
            all.addAll(round);
        }
        assertEquals(all, asked.get(0));
        assertEquals(r.pivotFindings().size(), all.size());
    }

    @Test
    void hitEventsReadAheadAreThoseReadAfterTheRounds() throws Exception {
        PivotCase c = threeRounds();
        PivotResult plain = c.run(1, PivotConfig.DEFAULT);
        PivotResult ahead = c.run(1, PivotConfig.DEFAULT, PivotFields.builtin(), RecallAhead::new);
        assertEquals(describe(plain), describe(ahead));
        assertEquals(plain.pivotFindings().stream().map(Finding::event).toList(),
                ahead.pivotFindings().stream().map(Finding::event).toList());
    }

    /** An address, then a web shell's path it posted to, then a second address that posted to it years before. */
    private static PivotCase threeRounds() {
        PivotCase c = new PivotCase();
        c.background(new Random(3), 300);
        Event exploit = c.web("2021-03-03T07:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", "ExchangeServicesClient/0.0.0.0");
        c.web("2021-03-03T07:05:00Z", "203.0.113.77", "POST", "/aspnet_client/discover.aspx", "-", "curl/7.1");
        c.web("2020-02-01T12:00:00Z", "198.51.100.44", "POST", "/aspnet_client/discover.aspx", "-", "Mozilla/4.0");
        c.web("2019-11-20T12:00:00Z", "198.51.100.44", "GET", "/owa/auth/logon.aspx", "-", "Mozilla/4.0");
        c.finding(exploit, "ProxyLogon SSRF");
        return c;
    }

    @Test
    void sameResultsAtOneAndManyThreads() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(4), 2000);
        Event exploit = c.web("2021-03-03T07:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", "ExchangeServicesClient/0.0.0.0");
        for (int i = 0; i < 50; i++) {
            c.web(String.format("2020-%02d-10T12:00:00Z", 1 + i % 12), "203.0.113.77", "GET", "/owa/" + i, "-", "x");
        }
        c.finding(exploit, "ProxyLogon SSRF");
        String one = describe(c.run(1, PivotConfig.DEFAULT));
        String four = describe(c.run(4, PivotConfig.DEFAULT));
        assertEquals(one, four);
        assertTrue(one.contains("INC-1"));
    }

    @Test
    void serverAddressLoopbackProbesAndExcludeFileNeverPivot() throws Exception {
        PivotCase c = new PivotCase();
        Event probe = c.web("2021-03-03T07:00:00Z", "127.0.0.1", "GET", "/owa/healthcheck.htm", "-", "AMProbe/Local/ClientAccess");
        c.web("2021-03-03T07:01:00Z", SERVER, "GET", "/owa/", "-", "AMProbe/Local/ClientAccess");
        c.finding(probe, "odd probe");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertTrue(r.pivotFindings().isEmpty(), r.pivotFindings().toString());
        assertTrue(r.incidents().isEmpty());
        Exclusions x = Exclusions.builtin();
        assertTrue(x.excluded(new Value(Kind.IP, SERVER), java.util.Set.of(SERVER)));
        assertTrue(x.excluded(new Value(Kind.ACCOUNT, "contoso\\exch01$"), java.util.Set.of()));
        assertTrue(x.excluded(new Value(Kind.ACCOUNT, "nt authority\\system"), java.util.Set.of()));
        assertFalse(x.excluded(new Value(Kind.ACCOUNT, "contoso\\administrator"), java.util.Set.of()));
    }

    @Test
    void userAgentFindsRequestsButDoesNotVouchForWhatElseTheyCarry() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(5), 300);
        Event exploit = c.web("2021-03-03T07:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", "antSword/v2.1");
        c.web("2020-05-05T07:00:00Z", "198.51.100.200", "GET", "/owa/", "contoso\\victim", "antSword/v2.1");
        c.web("2020-06-06T07:00:00Z", "198.51.100.200", "GET", "/owa/", "contoso\\victim", "Mozilla/5.0");
        c.finding(exploit, "ProxyLogon SSRF");
        PivotResult r = c.run(1, PivotConfig.DEFAULT);
        assertEquals(1, r.pivotFindings().size(), r.pivotFindings().toString());
        assertEquals(List.of(new Indicator("user-agent", "antSword/v2.1")), r.pivotFindings().get(0).indicators());
    }

    @Test
    void webRootFilesAreTheirServedPathsAndAnchorsAreNoAccounts() {
        assertEquals(new Value(Kind.PATH, "/aspnet_client/system_web/log.aspx"),
                PivotFields.servedPath(new Value(Kind.FILE, "c:\\inetpub\\wwwroot\\aspnet_client\\system_web\\log.aspx")));
        assertEquals(new Value(Kind.PATH, "/owa/auth/x.aspx"), PivotFields.servedPath(new Value(Kind.FILE,
                "c:\\program files\\microsoft\\exchange server\\v15\\frontend\\httpproxy\\owa\\auth\\x.aspx")));
        assertEquals(null, PivotFields.servedPath(new Value(Kind.FILE, "c:\\windows\\temp\\x.exe")));
        assertFalse(PivotFields.looksLikeAccount("ServerInfo~a]@exch01.contoso.local:444/autodiscover/autodiscover.xml?#"));
        assertTrue(PivotFields.looksLikeAccount("CONTOSO\\administrator"));
        assertTrue(PivotFields.looksLikeAccount("admin@contoso.com"));
    }

    private static boolean has(Incident i, String type, String value) {
        return i.indicators().stream().anyMatch(a -> a.type().equals(type) && a.value().equals(value));
    }

    private static String describe(PivotResult r) {
        return r.pivotFindings().stream().map(f -> f.id() + " " + f.time() + " " + f.details()).sorted()
                .collect(Collectors.joining("\n")) + "\n" + r.incidents();
    }
}
