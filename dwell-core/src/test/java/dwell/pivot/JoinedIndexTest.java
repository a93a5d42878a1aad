package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.pivot.store.IndexLimitException;
import dwell.pivot.store.Postings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The pivot over an index kept elsewhere and joined round by round ({@link JoinedIndex} over {@link LocalJoin}) decides
 * as the pivot over this process's own index ({@link SealedIndex}): the same findings, incidents and rounds, and the same
 * answer to every question a round asks of any value and event.
 */
class JoinedIndexTest {
    private static final String TOOL = "python-requests/2.25.1";

    /** Three rounds (address, web shell path, a second address) among a busy proxy's and a common browser's traffic. */
    private static PivotCase chain() {
        PivotCase c = new PivotCase();
        c.background(new Random(3), 900);
        Event exploit = c.web("2021-03-03T07:00:00Z", "203.0.113.77", "POST", "/ecp/y.js", "-", "ExchangeServicesClient/0.0.0.0");
        c.web("2021-03-03T07:05:00Z", "203.0.113.77", "POST", "/aspnet_client/discover.aspx", "-", "curl/7.1");
        c.web("2020-02-01T12:00:00Z", "198.51.100.44", "POST", "/aspnet_client/discover.aspx", "-", "Mozilla/4.0");
        c.web("2019-11-20T12:00:00Z", "198.51.100.44", "GET", "/owa/auth/logon.aspx", "contoso\\admin", "Mozilla/4.0");
        Event viaProxy = c.web("2021-03-05T01:00:00Z", "192.0.2.10", "POST", "/owa/auth.owa", "contoso\\user7", PivotCase.CHROME);
        c.finding(exploit, "ProxyLogon SSRF");
        c.finding(viaProxy, "Suspicious logon through proxy");
        return c;
    }

    /** A spray of refused logons on many accounts, the account that fell (declared with its address) and its later use. */
    private static PivotCase spray() {
        PivotCase c = new PivotCase();
        c.background(new Random(5), 300);
        Event first = null;
        for (int a = 0; a < 40; a++) {
            Event e = c.web(String.format("2021-03-10T22:%02d:%02dZ", a * 3 / 60, a * 3 % 60), "198.51.100.77", "POST",
                    "/EWS/Exchange.asmx", a == 17 ? "contoso\\k.weber" : "contoso\\user" + a, TOOL, 401);
            if (first == null) first = e;
        }
        Event fell = c.web("2021-03-10T22:03:00Z", "198.51.100.77", "POST", "/EWS/Exchange.asmx", "contoso\\k.weber", TOOL, 200);
        c.web("2021-03-11T02:00:00Z", "203.0.113.9", "GET", "/owa/", "contoso\\k.weber", TOOL, 200);
        Finding spray = Finding.of(first.time(), "traffic", new RuleRef("traffic.password-spray", "spray", Level.HIGH,
                        List.of("attack.t1110.003")), first.host(), new EvidenceRef(first.provenance().item(), "sha",
                        first.format().id(), first.provenance().line(), 0), first.fields(),
                List.of(new Indicator("ip", "198.51.100.77")), Map.of());
        Finding success = Finding.of(fell.time(), "traffic", new RuleRef("traffic.spray-success", "fell", Level.HIGH,
                        List.of("attack.t1110.003")), fell.host(), new EvidenceRef(fell.provenance().item(), "sha",
                        fell.format().id(), fell.provenance().line(), 0), fell.fields(),
                List.of(new Indicator("account-address", "contoso\\k.weber from 198.51.100.77")), Map.of());
        c.findings.add(spray);
        c.findings.add(success);
        return c;
    }

    @Test
    void thePivotOverAJoinedIndexFindsWhatItFindsOverItsOwn() throws Exception {
        for (PivotCase c : List.of(chain(), spray())) {
            PivotResult local = c.run(1, PivotConfig.DEFAULT);
            List<String> joins = new ArrayList<>();
            PivotResult joined = c.runJoined(PivotConfig.DEFAULT, joins);
            assertFalse(local.pivotFindings().isEmpty(), "the case pivots");
            assertEquals(local.findings(), joined.findings());
            assertEquals(local.pivotFindings(), joined.pivotFindings());
            assertEquals(local.incidents(), joined.incidents());
            assertEquals(local.unattributed(), joined.unattributed());
            assertEquals(local.indexedEvents(), joined.indexedEvents());
            assertEquals(local.distinctValues(), joined.distinctValues());
            assertEquals(local.rounds().stream().map(r -> List.of(r.round(), r.indicators(), r.findings(), r.newIndicators())).toList(),
                    joined.rounds().stream().map(r -> List.of(r.round(), r.indicators(), r.findings(), r.newIndicators())).toList());
            // one join for the events of each round, none for a value the pivot did not announce
            for (int r = 1; r <= local.rounds().size(); r++) {
                String round = "hits: pivot round " + r;
                assertEquals(1, joins.stream().filter(round::equals).count(), joins.toString());
            }
            assertTrue(joins.stream().noneMatch(j -> j.contains("unannounced")), joins.toString());
            // counted once, after the last round's joins: a cluster counts them while the rounds run
            assertEquals(1, joins.stream().filter("distinct values"::equals).count(), joins.toString());
            assertEquals("distinct values", joins.get(joins.size() - 1), joins.toString());
        }
        assertEquals(3, chain().run(1, PivotConfig.DEFAULT).rounds().size());
    }

    @Test
    void thePivotWeighsOnlyTheKindsItsRulesWeighAndEachValueOnce() throws Exception {
        for (PivotCase c : List.of(chain(), spray())) {
            List<Value> weighed = new ArrayList<>();
            PivotResult joined = c.runJoined(PivotConfig.DEFAULT, new ArrayList<>(), weighed);
            assertEquals(c.run(1, PivotConfig.DEFAULT).findings(), joined.findings());
            // the seeds' and hits' events carry a status, a method and the server's address, which nearly every event
            // carries too: no rule reads their statistics, nor a pair's
            assertTrue(weighed.stream().anyMatch(v -> v.kind() == Kind.IP), weighed.toString());
            assertTrue(weighed.stream().allMatch(v -> v.kind().weighed()), weighed.toString());
            assertEquals(weighed.size(), Set.copyOf(weighed).size(), weighed.toString());
        }
    }

    @Test
    void everyQuestionOfEveryValueAndEventHasTheLocalIndexsAnswer() throws Exception {
        PivotCase c = spray();
        chain().events.forEach(c.events::add);
        PivotFields fields = PivotFields.builtin();
        EventIndex own = new EventIndex(fields);
        IndexFeed feed = new IndexFeed(fields, Long.MAX_VALUE);
        FirstPass.feed(c.events, 1, List.of(own, feed));
        Set<Value> values = new TreeSet<>();
        for (Event e : c.events) e.forEachField((n, v) -> fields.extract(n, v, values::add));
        values.add(new Value(Kind.ACCOUNT_ADDRESS, "contoso\\k.weber from 198.51.100.77"));
        values.add(new Value(Kind.IP, "192.0.2.254"));
        Set<Value> refused = Attempts.builtin().refused();
        // each item asked every value (a broadcast join), then only those whose key it carries (a shuffle join)
        try (SealedIndex sealed = own.seal()) {
            for (boolean routed : List.of(false, true)) {
                try (JoinedIndex joined = new JoinedIndex(new LocalJoin(feed, routed))) {
                    joined.lookingUp(values, "every value");
                    // lookingUp weighs only the kinds the pivot weighs: the others, as a rule's question would be
                    joined.weighing(values, "every value");
                    assertEquals(sealed.size(), joined.size());
                    assertEquals(sealed.totalEvents(), joined.totalEvents());
                    assertEquals(sealed.distinctValues(), joined.distinctValues());
                    assertEquals(sealed.serverAddresses(), joined.serverAddresses());
                    for (Value v : values) {
                        List<Integer> events = list(sealed.postings(v));
                        assertEquals(events, list(joined.postings(v)), v.toString());
                        assertEquals(sealed.count(v), joined.count(v), v.toString());
                        if (v.kind() == Kind.ACCOUNT_ADDRESS) continue;
                        for (int cap : List.of(0, 3, PivotConfig.DEFAULT.maxDistinct(), 2 * PivotConfig.DEFAULT.maxDistinct())) {
                            for (Kind k : List.of(Kind.IP, Kind.ACCOUNT, Kind.USER_AGENT)) {
                                assertEquals(sealed.distinctAlongside(v, k, cap), joined.distinctAlongside(v, k, cap), v + " " + k + " " + cap);
                            }
                            assertEquals(sealed.distinctAlongside(v, Kind.ACCOUNT, cap, refused),
                                    joined.distinctAlongside(v, Kind.ACCOUNT, cap, refused), v + " served " + cap);
                        }
                        for (int e : events) {
                            assertEquals(List.of(sealed.time(e), sealed.item(e), sealed.line(e), sealed.record(e), sealed.host(e),
                                            sealed.format(e), sealed.fields(e), sealed.values(e), sealed.carriesAny(e, refused)),
                                    List.of(joined.time(e), joined.item(e), joined.line(e), joined.record(e), joined.host(e),
                                            joined.format(e), joined.fields(e), joined.values(e), joined.carriesAny(e, refused)), "event " + e);
                        }
                    }
                    assertEquals(0, joined.unannounced());
                    assertTrue(sealed.distinctAlongside(new Value(Kind.IP, "192.0.2.10"), Kind.ACCOUNT, 20) > 20, "a capped answer is compared");
                }
            }
        }
    }

    @Test
    void statisticsKeepFewDistinctValuesAndRefuseLargerLimits() {
        ValueStatistics a = new ValueStatistics();
        ValueStatistics b = new ValueStatistics();
        for (int i = 0; i < ValueStatistics.CAP; i++) a.seen(new Value(Kind.IP, "10.0.0." + i), true);
        for (int i = 0; i < 3; i++) b.seen(new Value(Kind.ACCOUNT, "u" + i), i != 1);
        a.merge(b);
        assertEquals(ValueStatistics.CAP, a.distinct(Kind.IP, ValueStatistics.CAP - 1, false));
        assertEquals(3, a.distinct(Kind.IP, 2, false));
        assertEquals(3, a.distinct(Kind.ACCOUNT, 10, false));
        assertEquals(2, a.distinct(Kind.ACCOUNT, 10, true));
        assertThrows(IllegalArgumentException.class, () -> a.distinct(Kind.IP, ValueStatistics.CAP, false));
        assertThrows(IllegalArgumentException.class, () -> a.distinct(Kind.PATH, 3, false));
    }

    @Test
    void anIndexOfMoreEventsThanEventNumbersHoldIsTheLocalIndexsLimitAndItsLimitsReachThePivot() {
        IndexJoin huge = join(new IndexJoin.Summary(Map.of("a.log", Integer.MAX_VALUE, "b.log", 1), 0, Set.of(), 0, null, 0));
        IndexLimitException x = assertThrows(IndexLimitException.class, () -> new JoinedIndex(huge));
        assertTrue(x.getMessage().startsWith("more than 2147483647 events carry indicator values"), x.getMessage());
        String why = "a share's index reached its memory budget of 4.0 KiB";
        try (JoinedIndex limited = new JoinedIndex(join(new IndexJoin.Summary(Map.of("a.log", 3), 9, Set.of(), 0, why, 6)))) {
            assertEquals(why, limited.limit());
            assertEquals(6, limited.unindexedEvents());
        }
    }

    /** A join that holds nothing but its summary. */
    private static IndexJoin join(IndexJoin.Summary summary) {
        return new IndexJoin() {
            @Override
            public Summary summary() {
                return summary;
            }

            @Override
            public int distinctValues() {
                return 2;
            }

            @Override
            public List<IndexHit> hits(ValueQuery values, String why) {
                return List.of();
            }

            @Override
            public Map<Value, ValueStatistics> statistics(ValueQuery values, Set<Value> refused, String why) {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<Integer> list(Postings p) {
        List<Integer> out = new ArrayList<>();
        for (int e = p.next(); e >= 0; e = p.next()) out.add(e);
        return out;
    }
}
