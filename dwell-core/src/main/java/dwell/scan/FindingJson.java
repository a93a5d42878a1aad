package dwell.scan;

import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;

/** A finding as one line of findings.jsonl, keys in DESIGN.md's order. */
final class FindingJson {
    private FindingJson() {
    }

    public static ObjectNode toJson(Finding f) {
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

    public static String line(Finding f) {
        try {
            return Json.LINE.writeValueAsString(toJson(f));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
