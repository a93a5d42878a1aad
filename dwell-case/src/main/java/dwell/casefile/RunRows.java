package dwell.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's rows of {@code items}, {@code incidents}, {@code impact} and {@code traffic_rate}, in the tables' column
 * order with {@link #RUN_ID} where the run's id goes, read from its inventory.json, incidents.json and summary.json
 * (each null when absent). The case import builds them on the thread that parses those documents while DuckDB imports
 * the findings on the caller's, which then only appends them (items and incidents took it 0.02-0.03 s, their JSON
 * texts and times a good part of that).
 */
record RunRows(List<Object[]> items, List<Object[]> incidents, List<Object[]> impact, List<Object[]> traffic) {
    /** Stands for the new run's id, which the documents' thread does not know. */
    static final Object RUN_ID = new Object();

    static RunRows of(JsonNode inventory, JsonNode incidents, JsonNode summary) {
        RunRows r = new RunRows(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (inventory != null) r.items(inventory);
        if (incidents != null) r.incidents(incidents);
        if (summary != null) r.traffic(summary);
        return r;
    }

    private void items(JsonNode root) {
        for (JsonNode i : root.path("items")) {
            items.add(new Object[] {text(i, "path"), i.path("sha256").isNull() ? "" : text(i, "sha256"), i.path("size").asLong(),
                    text(i, "format"), i.path("events").asLong(), time(text(i, "first")), time(text(i, "last")),
                    i.path("errors").asLong(), text(i, "error"), RUN_ID, RUN_ID});
        }
    }

    /** Incidents keep their lists and story as JSON text; each one's impact entries become rows (schema.sql says which column holds what). */
    private void incidents(JsonNode root) {
        for (JsonNode i : root.path("incidents")) {
            String id = text(i, "id");
            incidents.add(new Object[] {RUN_ID, id, time(text(i, "first")), time(text(i, "last")), i.path("dwell_days").asLong(),
                    i.path("hosts").toString(), i.path("indicators").toString(), i.path("techniques").toString(),
                    i.path("cves").toString(), i.path("findings").toString(), i.path("story").toString(), text(i, "summary"),
                    i.path("leads").toString()});
            JsonNode im = i.path("impact");
            for (JsonNode m : im.path("mailboxes")) {
                impact(id, "mailbox", text(m, "mailbox"), joined(m.path("protocols")), text(m, "first"), text(m, "last"),
                        m.path("requests").asLong(), m.path("bytes").asLong(), null, null, null);
            }
            for (JsonNode f : im.path("forwarding")) {
                impact(id, "forwarding", text(f, "mailbox"), null, text(f, "time"), null, null, null, text(f, "to"), null, text(f, "how"));
            }
            for (JsonNode x : im.path("exports")) {
                impact(id, "export", text(x, "mailbox"), null, text(x, "time"), null, null, null, null, text(x, "path"), null);
            }
            for (JsonNode p : im.path("permissions")) {
                impact(id, "permission", text(p, "mailbox"), null, text(p, "time"), null, null, null, text(p, "grantee"), null,
                        text(p, "rights"));
            }
            for (JsonNode ab : im.path("address_book")) {
                impact(id, "address_book", null, null, text(ab, "time"), null, null, null, null, text(ab, "path"), null);
            }
            for (JsonNode st : im.path("staged")) {
                impact(id, "staged", null, null, text(st, "time"), text(st, "downloaded"), null, null, null, text(st, "path"), text(st, "how"));
            }
            for (var b : (Iterable<Map.Entry<String, JsonNode>>) im.path("bytes_to_actor")::fields) {
                impact(id, "bytes_to_actor", null, b.getKey(), null, null, null, b.getValue().asLong(), null, null, null);
            }
        }
    }

    private void impact(String incident, String kind, String mailbox, String protocols, String first, String last, Long requests,
                        Long bytes, String target, String path, String how) {
        impact.add(new Object[] {RUN_ID, incident, kind, mailbox, protocols, time(first), time(last), requests, bytes, target, path, how});
    }

    /** Each series' rate buckets (summary.json {@code traffic.series[].rate}). */
    private void traffic(JsonNode summary) {
        for (JsonNode s : summary.path("traffic").path("series")) {
            JsonNode rate = s.path("rate");
            List<String> columns = new ArrayList<>();
            rate.path("columns").forEach(c -> columns.add(c.asText()));
            int start = columns.indexOf("start"), requests = columns.indexOf("requests");
            int peak = columns.indexOf("peak_per_minute"), errors = columns.indexOf("server_errors");
            if (start < 0 || requests < 0 || peak < 0 || errors < 0) continue;
            for (JsonNode b : rate.path("buckets")) {
                traffic.add(new Object[] {RUN_ID, text(s, "format"), text(s, "host"), rate.path("bucket_minutes").asInt(),
                        time(b.path(start).asText(null)), b.path(requests).asLong(), b.path(peak).asLong(), b.path(errors).asLong()});
            }
        }
    }

    private static Object time(String iso) {
        return UtcText.parse(iso);
    }

    private static String joined(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return String.join(", ", out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
