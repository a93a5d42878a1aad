package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A password spray, the account that fell to it and what the intruder did with it are one incident: the spraying
 * addresses are followed where they got in or touched a web shell, never through the accounts they only tried, and
 * no address a NAT shares with many users is followed.
 */
class SprayIncidentTest {
    private static final String SPRAY_1 = "198.51.100.77";
    private static final String SPRAY_2 = "198.51.100.78";
    private static final String FELL = "contoso\\k.weber";
    private static final String TOOL = "python-requests/2.25.1";
    private static final int TRIED = 40;

    /** The traffic detector's findings as it writes them: rule, level, the first event, its indicators. */
    private static Finding traffic(PivotCase c, Event e, String rule, Level level, List<Indicator> indicators) {
        // an episode's first event names one of its victims: the detector leaves the account out
        Map<String, String> event = new java.util.LinkedHashMap<>(e.fields());
        if (!rule.equals("traffic.spray-success")) event.remove("cs-username");
        Finding f = Finding.of(e.time(), "traffic", new RuleRef(rule, rule, level, List.of("attack.t1110.003")), e.host(),
                new EvidenceRef(e.provenance().item(), "sha", e.format().id(), e.provenance().line(), 0), event,
                indicators, Map.of());
        c.findings.add(f);
        return f;
    }

    private static List<Indicator> ips(String... ips) {
        List<Indicator> out = new ArrayList<>();
        for (String ip : ips) out.add(new Indicator("ip", ip));
        return out;
    }

    /** Failed attempts of {@code sources} (taking turns) on {@code TRIED} accounts, one every 3 seconds from 22:00. */
    private static Event spray(PivotCase c, String... sources) {
        Event first = null;
        for (int a = 0; a < TRIED; a++) {
            String user = a == 17 ? FELL : "contoso\\user" + a;
            Event e = c.web(String.format("2021-03-10T22:%02d:%02dZ", a * 3 / 60, a * 3 % 60), sources[a % sources.length],
                    "POST", "/EWS/Exchange.asmx", user, TOOL, 401);
            if (first == null) first = e;
        }
        return first;
    }

    private static Incident incidentOf(PivotResult r, Finding f) {
        return r.incidents().stream().filter(i -> i.findings().contains(f.id())).findFirst().orElse(null);
    }

    private static Finding byEvent(PivotResult r, Event e) {
        return r.findings().stream().filter(f -> f.evidence().path().equals(e.provenance().item())
                && f.evidence().line() == e.provenance().line()).findFirst().orElse(null);
    }

    @Test
    void theSprayTheAccountThatFellAndWhatItDidAreOneIncident() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(7), 400);
        Event first = spray(c, SPRAY_1, SPRAY_2);
        Event won = c.web("2021-03-10T22:41:07Z", SPRAY_1, "POST", "/Microsoft-Server-ActiveSync/default.eas", FELL, TOOL);
        List<Event> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) after.add(c.web("2021-03-11T03:4" + i + ":00Z", SPRAY_1, "POST", "/EWS/Exchange.asmx", FELL, TOOL));
        Event shell = c.web("2021-03-11T04:00:00Z", SPRAY_1, "POST", "/owa/auth/x.aspx", "-", TOOL);
        // the account's owner at her own desk: her account is a lead, never the intruder's trail
        Event desk = c.web("2021-03-11T08:00:00Z", "10.0.1.44", "POST", "/mapi/emsmdb/", FELL, PivotCase.CHROME);
        Finding sprayFinding = traffic(c, first, "traffic.password-spray", Level.HIGH, ips(SPRAY_1, SPRAY_2));
        List<Indicator> fell = new ArrayList<>(List.of(new Indicator("account", "CONTOSO\\k.weber")));
        fell.addAll(ips(SPRAY_1));
        fell.add(new Indicator("account-address", "CONTOSO\\k.weber from " + SPRAY_1));
        Finding success = traffic(c, won, "traffic.spray-success", Level.CRITICAL, fell);
        Finding webShell = c.finding(shell, "Web shell request", "attack.t1505.003");

        PivotResult r = c.run(2, PivotConfig.DEFAULT);

        Incident inc = incidentOf(r, sprayFinding);
        assertNotNull(inc, "the spray is in no incident: " + r.unattributed());
        assertTrue(inc.findings().contains(success.id()), "the account that fell is not in the spray's incident");
        assertTrue(inc.findings().contains(webShell.id()), "the sprayer's web shell request is not in the incident");
        for (Event e : after) {
            Finding f = byEvent(r, e);
            assertNotNull(f, "not followed: " + e.fields());
            assertEquals("pivot", f.detector());
            assertTrue(inc.findings().contains(f.id()), "the intruder's later request is not in the incident");
        }
        // exactly those five requests: the 40 refused attempts name the victims, the owner's desk is hers
        assertEquals(5, r.pivotFindings().stream().filter(f -> Pivot.isStrong(f)).count(), r.pivotFindings().toString());
        assertTrue(r.pivotFindings().stream().noneMatch(f -> "401".equals(f.event().get("sc-status")) && Pivot.isStrong(f)));
        Finding atDesk = byEvent(r, desk);
        assertTrue(atDesk == null || !inc.findings().contains(atDesk.id()), "the owner's own logon joined the incident");
        assertTrue(r.unattributed().isEmpty(), r.unattributed().toString());
        assertTrue(r.pivotFindings().stream().noneMatch(f -> f.indicators().contains(new Indicator("ip", "192.0.2.10"))),
                "the NAT was followed");
    }

    @Test
    void anInternalSprayerIsFollowedOnlyAsTheAccountItWon() throws Exception {
        PivotCase c = new PivotCase();
        c.background(new Random(11), 200);
        String infected = "10.20.30.40";
        Event first = spray(c, infected);
        Event won = c.web("2021-03-10T22:45:00Z", infected, "POST", "/EWS/Exchange.asmx", FELL, TOOL);
        Event used = c.web("2021-03-11T02:00:00Z", infected, "POST", "/EWS/Exchange.asmx", FELL, TOOL);
        // the infected desk's own user: same address, another account, not the intruder's trail
        Event owner = c.web("2021-03-11T09:00:00Z", infected, "POST", "/mapi/emsmdb/", "contoso\\m.hall", PivotCase.CHROME);
        Finding sprayFinding = traffic(c, first, "traffic.password-spray", Level.HIGH, ips(infected));
        Finding success = traffic(c, won, "traffic.spray-success", Level.CRITICAL, List.of(new Indicator("account", FELL),
                new Indicator("ip", infected), new Indicator("account-address", FELL + " from " + infected)));

        PivotResult r = c.run(1, PivotConfig.DEFAULT);

        Incident inc = incidentOf(r, success);
        assertNotNull(inc);
        assertTrue(inc.findings().contains(sprayFinding.id()), "the spray and the account it won are apart");
        Finding followed = byEvent(r, used);
        assertNotNull(followed);
        assertTrue(inc.findings().contains(followed.id()));
        assertEquals("account-address", ((Map<?, ?>) followed.details().get("indicator")).get("type"));
        Finding other = byEvent(r, owner);
        assertTrue(other == null || !inc.findings().contains(other.id()), "the desk's own user joined the incident");
        assertEquals(3, inc.findings().size(), r.findings().stream().filter(f -> inc.findings().contains(f.id()))
                .map(f -> f.detector() + " " + f.rule().id() + " " + f.event() + " " + f.details()).toList().toString());
    }

    @Test
    void aBruteForceJoinsTheAccountThatFellOnlyFromTheSameAddress() throws Exception {
        PivotCase c = new PivotCase();
        String inside = "10.20.30.40";
        String neighbour = "10.20.30.41";
        Event same = c.web("2021-03-12T03:00:00Z", inside, "POST", "/EWS/Exchange.asmx", "contoso\\administrator", "Hydra", 401);
        Event other = c.web("2021-03-12T03:00:01Z", neighbour, "POST", "/EWS/Exchange.asmx", "contoso\\administrator", "Hydra", 401);
        Event won = c.web("2021-03-12T03:30:00Z", inside, "POST", "/EWS/Exchange.asmx", "contoso\\administrator", "Hydra");
        Event late = c.web("2021-03-15T03:30:00Z", inside, "POST", "/EWS/Exchange.asmx", "contoso\\administrator", "Hydra", 401);
        Finding brute = traffic(c, same, "traffic.brute-force", Level.HIGH, ips(inside));
        Finding neighbours = traffic(c, other, "traffic.brute-force", Level.HIGH, ips(neighbour));
        Finding success = traffic(c, won, "traffic.spray-success", Level.CRITICAL, ips(inside));
        // a brute force after the logon did not win it
        Finding after = traffic(c, late, "traffic.brute-force", Level.HIGH, ips(inside));

        PivotResult r = c.run(1, PivotConfig.DEFAULT);

        Incident inc = incidentOf(r, success);
        assertNotNull(inc);
        assertEquals(List.of(brute.id(), success.id()), inc.findings());
        assertTrue(incidentOf(r, neighbours) == null && incidentOf(r, after) == null, r.incidents().toString());
    }
}
