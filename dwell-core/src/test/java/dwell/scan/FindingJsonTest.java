package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.text.Json;
import dwell.text.SafeText;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** findings.jsonl streamed gives byte for byte the lines its findings' trees gave (DESIGN.md's contract). */
class FindingJsonTest {
    /** A finding as the tree findings.jsonl was written from before it was streamed. */
    private static ObjectNode tree(Finding f) {
        ObjectNode o = Json.LINE.createObjectNode();
        o.put("id", f.id());
        o.put("time", Json.time(f.time()));
        o.put("detector", f.detector());
        ObjectNode rule = o.putObject("rule");
        rule.put("id", f.rule().id());
        rule.put("title", f.rule().title());
        rule.put("level", f.rule().level() == null ? null : f.rule().level().id());
        ArrayNode tags = rule.putArray("tags");
        f.rule().tags().forEach(tags::add);
        o.put("host", f.host());
        ObjectNode ev = o.putObject("evidence");
        ev.put("path", f.evidence().path());
        ev.put("sha256", f.evidence().sha256());
        ev.put("format", f.evidence().format());
        ev.put("line", f.evidence().line());
        ev.put("record", f.evidence().record());
        ObjectNode event = o.putObject("event");
        if (f.event() != null) f.event().forEach(event::put);
        ArrayNode ind = o.putArray("indicators");
        if (f.indicators() != null) {
            for (Indicator i : f.indicators()) ind.addObject().put("type", i.type()).put("value", i.value());
        }
        if (f.details() != null && !f.details().isEmpty()) o.set("details", Json.LINE.valueToTree(f.details()));
        return o;
    }

    private static byte[] written(List<Finding> findings, boolean streamed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = SafeText.utf8(bytes)) {
            if (streamed) {
                try (var g = FindingJson.lines(w)) {
                    for (Finding f : findings) FindingJson.write(g, f);
                }
            } else {
                for (Finding f : findings) w.write(Json.LINE.writeValueAsString(tree(f)) + "\n");
            }
        }
        return bytes.toByteArray();
    }

    private static Finding finding(String host, Map<String, String> event, List<Indicator> indicators, Map<String, Object> details,
                                   Level level, Instant time) {
        return new Finding("0123456789abcdef", time, "sigma", new RuleRef("r-1", "A \"quoted\" \\ title", level,
                List.of("attack.t1098", "tag\u202e")), host, new EvidenceRef("C:\\logs\\Security.evtx", "ab".repeat(32), "evtx", 7, 3139859),
                event, indicators, details);
    }

    @Test
    void theSameBytesAsTheTreesIncludingHostileTextNullsAndNestedDetails() throws Exception {
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("CommandLine", "cmd.exe /c \"echo\" \\\\server\\share\t\r\n\u0000\u001b[31m\u007f\u0085");
        hostile.put("Lone", "high \ud800 low \udc00 end");
        hostile.put("Pair", "emoji \ud83d\ude00 and tag \udb40\udc41");
        hostile.put("Format", "rtl \u202e zw \u200b sep \u2028 \u2029 bom \ufeff");
        hostile.put("Key \ud800 lone", "x");
        hostile.put("Unicode", "Gr\u00fc\u00dfe \u4e2d\u6587 \u00e9");
        hostile.put("Empty", "");
        hostile.put("Null", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("round", 2);
        nested.put("indicator", new Indicator("ip", "10.0.2.16"));
        nested.put("ratio", 0.25);
        nested.put("flag", true);
        nested.put("none", null);
        nested.put("list", List.of("a", 1L, Map.of("k", "v \ud800")));
        List<Finding> findings = new ArrayList<>();
        findings.add(finding("2016dc.hqcorp.local", hostile, List.of(new Indicator("account", "admin\u001b"), new Indicator("ip", "::1")),
                Map.of("rule_file", "rules/x.yml:1"), Level.HIGH, Instant.parse("2017-06-09T19:21:26.968669900Z")));
        findings.add(finding(null, null, null, Map.of(), null, null));
        findings.add(finding("h", Map.of(), List.of(), nested, Level.INFORMATIONAL, Instant.EPOCH));
        byte[] expected = written(findings, false);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(written(findings, true), StandardCharsets.UTF_8));
        assertEquals(List.of(expected.length), List.of(written(findings, true).length));
        assertEquals(3, new String(expected, StandardCharsets.UTF_8).split("\n", -1).length - 1);
    }

    @Test
    void noFindingsNoBytes() throws Exception {
        assertEquals(0, written(List.of(), true).length);
    }
}
