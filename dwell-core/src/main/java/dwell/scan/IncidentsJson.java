package dwell.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.pivot.Incident;
import dwell.pivot.PivotResult;
import dwell.text.Json;

/** The incidents as DESIGN.md's JSON contract ({@code incidents.json}). */
final class IncidentsJson {
    private IncidentsJson() {
    }

    public static ObjectNode of(PivotResult result) {
        ObjectNode root = Json.object();
        ArrayNode arr = root.putArray("incidents");
        for (Incident i : result.incidents()) {
            ObjectNode o = arr.addObject();
            o.put("id", i.id());
            o.put("summary", i.summary());
            o.put("first", Json.time(i.first()));
            o.put("last", Json.time(i.last()));
            o.put("dwell_days", i.dwellDays());
            i.hosts().forEach(o.putArray("hosts")::add);
            ArrayNode ind = o.putArray("indicators");
            for (Incident.Attributed x : i.indicators()) {
                ObjectNode a = ind.addObject().put("type", x.type()).put("value", x.value()).put("strength", x.strength().id());
                x.findings().forEach(a.putArray("findings")::add);
            }
            i.techniques().forEach(o.putArray("techniques")::add);
            i.cves().forEach(o.putArray("cves")::add);
            i.findings().forEach(o.putArray("findings")::add);
            i.leads().forEach(o.putArray("leads")::add);
            ArrayNode story = o.putArray("story");
            for (Incident.StoryStep s : i.story()) {
                story.addObject().put("time", Json.time(s.time())).put("summary", s.summary()).put("path", s.path())
                        .put("line", s.line()).put("record", s.record()).put("finding", s.finding());
            }
        }
        result.unattributed().forEach(root.putArray("unattributed")::add);
        return root;
    }
}
