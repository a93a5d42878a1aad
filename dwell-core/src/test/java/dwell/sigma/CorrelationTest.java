package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.hunt.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correlation rules (Sigma 2.1): each type, window boundaries, group-by (with missing fields), aliases, chains. */
class CorrelationTest {
    private static final Instant T0 = Instant.parse("2021-03-02T10:00:00Z");

    private static final String BASE = """
            title: failed logon
            id: base-failed
            name: failed_logon
            level: low
            logsource: {product: windows, service: security}
            detection:
                sel: {EventID: 4625}
                condition: sel
            ---
            title: successful logon
            id: base-ok
            name: ok_logon
            level: low
            logsource: {product: windows, service: security}
            detection:
                sel: {EventID: 4624}
                condition: sel
            ---
            title: process
            id: base-proc
            name: proc
            level: low
            logsource: {product: windows, service: security}
            detection:
                sel: {EventID: 4688}
                condition: sel
            """;

    private static Event ev(int seconds, String eventId, String... kv) {
        String[] all = new String[kv.length + 2];
        all[0] = "EventID";
        all[1] = eventId;
        System.arraycopy(kv, 0, all, 2, kv.length);
        return SigmaTesting.event(T0.plusSeconds(seconds), all);
    }

    private static List<Finding> run(String correlation, Event... events) {
        RuleSet set = new RuleLoader().loadText("c.yml", BASE + "---\n" + correlation);
        assertTrue(set.rejected().isEmpty(), set.rejected().toString());
        SigmaDetector d = new SigmaDetector(set, LogsourceMapping.builtin());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        List<Finding> out = new ArrayList<>();
        for (Event e : events) d.onEvent(e, out::add);
        d.finish(out::add);
        return out;
    }

    private static List<Finding> correlations(List<Finding> all) {
        return all.stream().filter(f -> f.detector().equals("correlation")).toList();
    }

    private static String corr(String type, String rules, String groupBy, String span, String condition) {
        return "title: corr\nid: corr-1\nlevel: high\ncorrelation:\n    type: " + type + "\n    rules: " + rules
                + "\n    group-by: " + groupBy + "\n    timespan: " + span + "\n    condition: " + condition + "\n";
    }

    @Test
    void eventCountFiresAtTheThresholdInsideTheWindow() {
        String c = corr("event_count", "[failed_logon]", "[TargetUserName]", "60s", "{gte: 3}");
        List<Finding> f = correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(30, "4625", "TargetUserName", "bob"),
                ev(60, "4625", "TargetUserName", "bob")));
        assertEquals(1, f.size(), "events exactly timespan apart are inside the window");
        assertEquals("high", f.get(0).rule().level().id());
        assertEquals(T0.plusSeconds(60), f.get(0).time());
        assertEquals(Map.of("TargetUserName", "bob"), f.get(0).event());
        assertEquals(3, f.get(0).details().get("event_count"));
        List<Finding> late = correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(30, "4625", "TargetUserName", "bob"),
                ev(61, "4625", "TargetUserName", "bob")));
        assertEquals(0, late.size(), "one second past the window");
    }

    @Test
    void groupByKeepsGroupsApartAndGroupsMissingFieldsTogether() {
        String c = corr("event_count", "[failed_logon]", "[TargetUserName]", "1h", "{gte: 2}");
        assertEquals(0, correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(1, "4625", "TargetUserName", "eve"))).size());
        List<Finding> missing = correlations(run(c, ev(0, "4625"), ev(1, "4625")));
        assertEquals(1, missing.size());
        assertEquals(Map.of("TargetUserName", ""), missing.get(0).event());
    }

    @Test
    void baseRulesOfACorrelationAreSilentUnlessGenerate() {
        String c = corr("event_count", "[failed_logon]", "[TargetUserName]", "1h", "{gte: 2}");
        List<Finding> all = run(c, ev(0, "4625"), ev(1, "4625"), ev(2, "4624"));
        assertEquals(1, all.stream().filter(f -> f.detector().equals("sigma")).count(), "only the uncorrelated 4624 rule");
        List<Finding> gen = run(c + "    generate: true\n", ev(0, "4625"), ev(1, "4625"));
        assertEquals(2, gen.stream().filter(f -> f.detector().equals("sigma")).count());
    }

    @Test
    void upperBoundsJudgeWholeWindows() {
        String c = corr("event_count", "[failed_logon]", "[TargetUserName]", "10m", "{gt: 1, lte: 2}");
        assertEquals(1, correlations(run(c, ev(0, "4625"), ev(60, "4625"))).size());
        assertEquals(0, correlations(run(c, ev(0, "4625"), ev(60, "4625"), ev(120, "4625"))).size(), "3 > 2");
        assertEquals(0, correlations(run(c, ev(0, "4625"))).size());
    }

    @Test
    void valueCountCountsDistinctValues() {
        String c = corr("value_count", "[failed_logon]", "[IpAddress]", "5m", "{field: TargetUserName, gte: 3}");
        List<Finding> f = correlations(run(c, ev(0, "4625", "IpAddress", "1.2.3.4", "TargetUserName", "a"),
                ev(1, "4625", "IpAddress", "1.2.3.4", "TargetUserName", "a"),
                ev(2, "4625", "IpAddress", "1.2.3.4", "TargetUserName", "b"),
                ev(3, "4625", "IpAddress", "1.2.3.4", "TargetUserName", "c")));
        assertEquals(1, f.size());
        assertEquals(3.0, f.get(0).details().get("value"));
        assertTrue(f.get(0).indicators().stream().anyMatch(i -> i.value().equals("1.2.3.4")));
    }

    @Test
    void temporalNeedsEveryRuleInTheWindowInAnyOrder() {
        String c = corr("temporal", "[failed_logon, ok_logon]", "[TargetUserName]", "5m", "{gte: 2}");
        assertEquals(1, correlations(run(c, ev(0, "4624", "TargetUserName", "x"), ev(10, "4625", "TargetUserName", "x"))).size());
        assertEquals(0, correlations(run(c, ev(0, "4624", "TargetUserName", "x"), ev(10, "4625", "TargetUserName", "y"))).size());
        assertEquals(0, correlations(run(c, ev(0, "4624", "TargetUserName", "x"), ev(301, "4625", "TargetUserName", "x"))).size());
        String noCond = "title: t\nid: t1\ncorrelation:\n    type: temporal\n    rules: [failed_logon, ok_logon]\n    group-by: [TargetUserName]\n    timespan: 5m\n";
        assertEquals(1, correlations(run(noCond, ev(0, "4624"), ev(1, "4625"))).size(), "default: all rules");
    }

    @Test
    void temporalOrderedNeedsTheOrder() {
        String c = corr("temporal_ordered", "[failed_logon, ok_logon]", "[TargetUserName]", "5m", "{gte: 2}");
        assertEquals(1, correlations(run(c, ev(0, "4625"), ev(10, "4624"))).size());
        assertEquals(0, correlations(run(c, ev(0, "4624"), ev(10, "4625"))).size());
    }

    @Test
    void valueSumAvgPercentile() {
        Event[] es = {ev(0, "4688", "Bytes", "100"), ev(1, "4688", "Bytes", "200"), ev(2, "4688", "Bytes", "900")};
        assertEquals(1, correlations(run(corr("value_sum", "[proc]", "[Computer]", "1m", "{field: Bytes, gte: 1200}"), es)).size());
        assertEquals(0, correlations(run(corr("value_sum", "[proc]", "[Computer]", "1m", "{field: Bytes, gte: 1201}"), es)).size());
        assertEquals(1, correlations(run(corr("value_avg", "[proc]", "[Computer]", "1m", "{field: Bytes, gte: 400}"), es)).size());
        assertEquals(0, correlations(run(corr("value_avg", "[proc]", "[Computer]", "1m", "{field: Bytes, gt: 400}"), es)).size());
        List<Finding> p = correlations(run(corr("value_percentile", "[proc]", "[Computer]", "1m",
                "{field: Bytes, percentile: 90, gte: 900}"), es));
        assertEquals(1, p.size());
        assertEquals(900.0, p.get(0).details().get("value"));
    }

    @Test
    void aliasesJoinDifferentFields() {
        String c = "title: a\nid: a1\ncorrelation:\n    type: temporal\n    rules: [failed_logon, proc]\n"
                + "    group-by: [user]\n    timespan: 1m\n    aliases:\n        user:\n            failed_logon: TargetUserName\n"
                + "            proc: SubjectUserName\n";
        assertEquals(1, correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(5, "4688", "SubjectUserName", "bob"))).size());
        assertEquals(0, correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(5, "4688", "SubjectUserName", "eve"))).size());
    }

    @Test
    void chainedCorrelations() {
        String c = """
                title: many failures
                id: many
                name: many_failures
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 1m
                    condition: {gte: 2}
                ---
                title: failures then success
                id: chain
                level: critical
                correlation:
                    type: temporal_ordered
                    rules: [many_failures, ok_logon]
                    group-by: [TargetUserName]
                    timespan: 5m
                """;
        List<Finding> f = correlations(run(c, ev(0, "4625", "TargetUserName", "bob"), ev(10, "4625", "TargetUserName", "bob"),
                ev(20, "4624", "TargetUserName", "bob")));
        assertTrue(f.stream().anyMatch(x -> x.rule().id().equals("chain")), f.toString());
        assertEquals(3, f.stream().filter(x -> x.rule().id().equals("chain")).findFirst().get().details().get("event_count"));
    }

    @Test
    void unknownRuleReferenceIsReported() {
        RuleSet set = new RuleLoader().loadText("c.yml", BASE + "---\n" + corr("event_count", "[nope]", "[x]", "1m", "{gte: 1}"));
        SigmaDetector d = new SigmaDetector(set, LogsourceMapping.builtin());
        assertEquals(1, d.problems().size());
        assertTrue(d.problems().get(0).reason().contains("unknown rule 'nope'"));
    }

    @Test
    void malformedCorrelationsAreRejected() {
        assertTrue(SigmaTesting.reject("title: x\ncorrelation:\n    type: nope\n    rules: [a]\n    timespan: 1m\n").reason().contains("unknown correlation type"));
        assertTrue(SigmaTesting.reject("title: x\ncorrelation:\n    type: event_count\n    rules: [a]\n    timespan: 1 hour\n    condition: {gte: 1}\n").reason().contains("timespan"));
        assertTrue(SigmaTesting.reject("title: x\ncorrelation:\n    type: value_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 1}\n").reason().contains("needs condition.field"));
    }
}
