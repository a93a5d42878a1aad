package dwell.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.cli.Json;
import dwell.cli.casefile.CaseFile;
import dwell.cli.casefile.QueryResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the case discovered as a STIX 2.1 bundle: the reporting organisation, a TLP marking, one indicator
 * per discovered value (with a STIX pattern) and a sighting of it with first/last seen and count.
 * Ids are name-based, so the same case exports the same ids.
 */
final class StixBundle {
    /** The TLP 1.0 marking definitions predefined by the STIX 2.1 specification (section 7.2.1.4). */
    static final Map<String, String> TLP = Map.of(
            "white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            "clear", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            "green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
            "red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
    private static final Instant TLP_CREATED = Instant.parse("2017-01-20T00:00:00.000Z");
    private static final ObjectMapper JSON = Json.MAPPER;

    private StixBundle() {
    }

    static void write(CaseFile c, String org, String tlp, Writer out) throws SQLException, IOException {
        String marking = TLP.get(tlp.toLowerCase(Locale.ROOT));
        if (marking == null) throw new IllegalArgumentException("unknown TLP level: " + tlp + " (white, clear, green, amber, red)");
        QueryResult ended = c.query("SELECT max(ended) FROM runs");
        Instant now = ended.rows().isEmpty() || ended.rows().get(0).get(0) == null ? Instant.now()
                : Instant.parse(ended.rows().get(0).get(0).toString());
        String created = stamp(now);
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", id("bundle", org + "|" + created));
        ArrayNode objects = bundle.putArray("objects");
        String identity = id("identity", org);
        ObjectNode idn = objects.addObject();
        idn.put("type", "identity");
        idn.put("spec_version", "2.1");
        idn.put("id", identity);
        idn.put("created", created);
        idn.put("modified", created);
        idn.put("name", org);
        idn.put("identity_class", "organization");
        ObjectNode md = objects.addObject();
        String level = tlp.toLowerCase(Locale.ROOT).equals("clear") ? "white" : tlp.toLowerCase(Locale.ROOT);
        md.put("type", "marking-definition");
        md.put("spec_version", "2.1");
        md.put("id", marking);
        md.put("created", stamp(TLP_CREATED));
        md.put("definition_type", "tlp");
        md.put("name", "TLP:" + level.toUpperCase(Locale.ROOT));
        md.putObject("definition").put("tlp", level);
        QueryResult seen = c.query("SELECT i.type, i.value, min(f.time), max(f.time), count(*) FROM indicators i "
                + "JOIN findings f ON f.id = i.finding_id GROUP BY i.type, i.value ORDER BY i.type, i.value");
        for (List<Object> r : seen.rows()) {
            String type = String.valueOf(r.get(0));
            String value = String.valueOf(r.get(1));
            String pattern = pattern(type, value);
            if (pattern == null) continue;
            String first = r.get(2) == null ? created : stamp(Instant.parse(r.get(2).toString()));
            String last = r.get(3) == null ? created : stamp(Instant.parse(r.get(3).toString()));
            String indicatorId = id("indicator", type + "|" + value);
            ObjectNode ind = objects.addObject();
            ind.put("type", "indicator");
            ind.put("spec_version", "2.1");
            ind.put("id", indicatorId);
            ind.put("created_by_ref", identity);
            ind.put("created", created);
            ind.put("modified", created);
            ind.put("name", type + " " + value);
            ind.putArray("indicator_types").add("malicious-activity");
            ind.put("pattern", pattern);
            ind.put("pattern_type", "stix");
            ind.put("pattern_version", "2.1");
            ind.put("valid_from", first);
            ind.putArray("object_marking_refs").add(marking);
            ObjectNode s = objects.addObject();
            s.put("type", "sighting");
            s.put("spec_version", "2.1");
            s.put("id", id("sighting", type + "|" + value + "|" + org));
            s.put("created_by_ref", identity);
            s.put("created", created);
            s.put("modified", created);
            s.put("first_seen", first);
            s.put("last_seen", last);
            s.put("count", Math.min(999_999_999L, ((Number) r.get(4)).longValue()));
            s.put("sighting_of_ref", indicatorId);
            s.putArray("where_sighted_refs").add(identity);
            s.putArray("object_marking_refs").add(marking);
        }
        out.write(JSON.writeValueAsString(bundle));
    }

    /** The STIX pattern for a discovered value, or null for a type STIX cannot express. */
    static String pattern(String type, String value) {
        String v = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        return switch (type) {
            case "ip" -> value.contains(":") ? "[ipv6-addr:value = " + v + "]" : "[ipv4-addr:value = " + v + "]";
            case "domain" -> "[domain-name:value = " + v + "]";
            case "url" -> "[url:value = " + v + "]";
            case "email" -> "[email-addr:value = " + v + "]";
            case "account" -> "[user-account:account_login = " + v + "]";
            case "user-agent" -> "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = " + v + "]";
            case "path" -> "[network-traffic:extensions.'http-request-ext'.request_value = " + v + "]";
            case "file", "file-name" -> "[file:name = " + "'" + baseName(value).replace("\\", "\\\\").replace("'", "\\'") + "']";
            case "hash", "sha256", "sha1", "md5" -> switch (value.length()) {
                case 32 -> "[file:hashes.MD5 = " + v + "]";
                case 40 -> "[file:hashes.'SHA-1' = " + v + "]";
                case 64 -> "[file:hashes.'SHA-256' = " + v + "]";
                default -> null;
            };
            default -> null;
        };
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** STIX timestamps: RFC 3339 in UTC with millisecond precision. */
    static String stamp(Instant t) {
        Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
        String s = ms.toString();
        if (ms.getNano() == 0) s = s.substring(0, s.length() - 1) + ".000Z";
        return s;
    }

    static String id(String type, String name) {
        return type + "--" + UUID.nameUUIDFromBytes((type + "|" + name).getBytes(StandardCharsets.UTF_8));
    }
}
