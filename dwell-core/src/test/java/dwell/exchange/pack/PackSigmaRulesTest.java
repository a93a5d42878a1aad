package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.event.Event;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.json.JsonLog;
import dwell.formats.Formats;
import dwell.sigma.LogsourceMapping;
import dwell.sigma.RuleSet;
import dwell.sigma.SigmaEngine;
import dwell.sigma.SigmaRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The pack's Sigma rules, compiled by dwell's Sigma engine, on the cases of rule-cases.yaml. */
class PackSigmaRulesTest {
    static final RuleSet RULES = ExchangePack.sigmaRules();
    static final SigmaEngine ENGINE = new SigmaEngine(RULES.rules(), RULES.filters(), LogsourceMapping.builtin());

    /** The pack rules (file names without .yml) that fire on an event. */
    static TreeSet<String> fired(Event e) {
        TreeSet<String> out = new TreeSet<>();
        ENGINE.match(e, (i, rule) -> out.add(fileName(rule)));
        return out;
    }

    static String fileName(SigmaRule rule) {
        String p = rule.origin().path();
        return p.substring(p.lastIndexOf('/') + 1).replace(".yml", "");
    }

    static Event event(FormatId format, LogSource ls, Map<String, String> fields) {
        return new MapEvent(null, format, ls, fields, String.join(" ", fields.values()), Provenance.line("case", 1), "EXCH01");
    }

    @Test
    void everyRuleLoadsAndRuns() {
        assertEquals(List.of(), RULES.rejected());
        assertEquals(ExchangePack.index(ExchangePack.SIGMA).size(), RULES.rules().size());
        assertEquals(List.of(), ENGINE.unmapped().stream().map(u -> u.rule().origin() + ": " + u.reason()).toList());
    }

    @TestFactory
    Stream<DynamicTest> ruleCases() throws IOException {
        JsonNode root;
        try (InputStream in = PackSigmaRulesTest.class.getResourceAsStream("/dwell/exchange/rule-cases.yaml")) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        TreeSet<String> covered = new TreeSet<>();
        for (JsonNode c : root.path("cases")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("fields").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), f.getValue().asText());
            }
            Event e;
            if (c.has("channel")) {
                fields.putIfAbsent("Channel", c.get("channel").asText());
                e = event(JsonLog.ID, LogSources.forChannel(c.get("channel").asText()), fields);
            } else {
                FormatId f = Formats.byId(c.path("format").asText()).id();
                e = event(f, Formats.of(f).logSource(), fields);
            }
            TreeSet<String> expected = new TreeSet<>();
            c.path("expect").forEach(x -> expected.add(x.asText()));
            covered.addAll(expected);
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> assertEquals(expected, fired(e))));
        }
        // every rule of the pack has at least one positive case
        TreeSet<String> all = new TreeSet<>();
        RULES.rules().forEach(r -> all.add(fileName(r)));
        tests.add(DynamicTest.dynamicTest("every rule has a positive case", () -> {
            all.removeAll(covered);
            assertTrue(all.isEmpty(), "rules without a positive case: " + all);
        }));
        return tests.stream();
    }
}
