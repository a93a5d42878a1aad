package dwell.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.impact.Impact;
import dwell.pivot.Incident;
import dwell.pivot.PivotResult;
import dwell.text.Json;
import java.util.function.Function;

/** The incidents as DESIGN.md's JSON contract ({@code incidents.json}). */
final class IncidentsJson {
    private IncidentsJson() {
    }

    public static ObjectNode of(PivotResult result, Function<String, Impact> impactOf) {
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
            impact(o.putObject("impact"), impactOf.apply(i.id()));
        }
        result.unattributed().forEach(root.putArray("unattributed")::add);
        return root;
    }

    /** DESIGN.md's {@code impact} object: every list, empty or not, so a reader never guesses at a missing key. */
    static void impact(ObjectNode o, Impact im) {
        ArrayNode mailboxes = o.putArray("mailboxes");
        for (Impact.MailboxRead m : im.mailboxes()) {
            ObjectNode n = mailboxes.addObject().put("mailbox", m.mailbox());
            m.protocols().forEach(n.putArray("protocols")::add);
            n.put("first", Json.time(m.first())).put("last", Json.time(m.last())).put("requests", m.requests()).put("bytes", m.bytes());
        }
        ArrayNode fw = o.putArray("forwarding");
        for (Impact.Forwarding f : im.forwarding()) {
            fw.addObject().put("mailbox", f.mailbox()).put("to", f.to()).put("time", Json.time(f.time())).put("how", f.how());
        }
        ArrayNode ex = o.putArray("exports");
        for (Impact.Export x : im.exports()) ex.addObject().put("mailbox", x.mailbox()).put("path", x.path()).put("time", Json.time(x.time()));
        ArrayNode pm = o.putArray("permissions");
        for (Impact.Permission p : im.permissions()) {
            pm.addObject().put("mailbox", p.mailbox()).put("grantee", p.grantee()).put("rights", p.rights()).put("time", Json.time(p.time()));
        }
        ArrayNode ab = o.putArray("address_book");
        for (Impact.AddressBookRead a : im.addressBook()) ab.addObject().put("time", Json.time(a.time())).put("path", a.path());
        ArrayNode st = o.putArray("staged");
        for (Impact.Staged s : im.staged()) st.addObject().put("path", s.path()).put("time", Json.time(s.time())).put("how", s.how()).put("downloaded", Json.time(s.downloaded()));
        ObjectNode bytes = o.putObject("bytes_to_actor");
        new java.util.TreeMap<>(im.bytesToActor()).forEach(bytes::put);
        o.put("summarised_findings", im.summarised());
    }
}
