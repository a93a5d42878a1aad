package dwell.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.inventory.FormatTotals;
import dwell.inventory.Gap;
import dwell.inventory.Inventory;
import dwell.inventory.ItemSummary;
import dwell.text.Json;
import java.util.Map;

/** An inventory as DESIGN.md's JSON contract ({@code inventory.json}, {@code dwell inventory --format json}). */
public final class InventoryJson {
    private InventoryJson() {
    }

    public static ObjectNode of(Inventory inv) {
        ObjectNode root = Json.object();
        ArrayNode items = root.putArray("items");
        for (ItemSummary s : inv.items()) {
            ObjectNode i = items.addObject();
            i.put("path", s.item().path());
            i.put("sha256", s.item().sha256());
            i.put("size", s.item().size());
            i.put("format", s.item().format().id());
            i.put("events", s.events());
            i.put("first", Json.time(s.first()));
            i.put("last", Json.time(s.last()));
            i.put("errors", s.unreadable() + s.problems().size());
            i.put("error", s.error());
        }
        ObjectNode formats = root.putObject("formats");
        for (Map.Entry<String, FormatTotals> e : inv.formats().entrySet()) {
            ObjectNode f = formats.putObject(e.getKey());
            f.put("items", e.getValue().items());
            f.put("events", e.getValue().events());
            f.put("first", Json.time(e.getValue().first()));
            f.put("last", Json.time(e.getValue().last()));
        }
        root.put("total_events", inv.totalEvents());
        root.put("first", Json.time(inv.first()));
        root.put("last", Json.time(inv.last()));
        ArrayNode gaps = root.putArray("gaps");
        for (Gap g : inv.gaps()) {
            gaps.addObject().put("series", g.series()).put("from", g.from().toString()).put("to", g.to().toString());
        }
        return root;
    }
}
