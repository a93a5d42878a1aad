package dwell.report;

import dwell.text.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import dwell.pivot.Kind;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the case attributes to actors as a STIX 2.1 bundle: the reporting organisation, a TLP marking, and for
 * each indicator of an incident (what the pivot graded; never a built-in, own-server, Exchange-internal or
 * analyst-side value, which never reach an incident) at or above a confidence, an indicator with its pattern,
 * confidence and supporting findings, and a sighting with first/last seen and count.
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

    /**
     * An indicator attributed to an actor in the latest run's incidents: its strength, the incidents and the findings
     * (level medium or higher) that show it, when it was seen first and last, and the confidence that follows.
     */
    record Attributed(String type, String value, boolean strong, List<String> incidents, List<String> findings,
                      boolean detected, Instant first, Instant last) {
        /**
         * 85 for a strong value a detection of level high or more shows, 65 for a strong value shown only by
         * medium detections or by the pivot, 30 for a weak one (an account, an internal address, a user agent).
         */
        int confidence() {
            return !strong ? 30 : detected ? 85 : 65;
        }

        String description() {
            List<String> shown = findings.subList(0, Math.min(20, findings.size()));
            return "Attributed to " + String.join(", ", incidents) + " (" + (strong ? "strong" : "weak") + " indicator), shown by "
                    + findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + ": " + String.join(", ", shown)
                    + (shown.size() < findings.size() ? " and " + (findings.size() - shown.size()) + " more" : "");
        }
    }

    /** The indicators of the latest run's incidents, each once, in type and value order. */
    static List<Attributed> attributed(CaseFile c) throws SQLException, IOException {
        QueryResult inc = c.query("SELECT id, indicators FROM incidents WHERE run_id = (SELECT max(run_id) FROM incidents) ORDER BY id");
        Map<List<String>, java.util.TreeSet<String>> incidents = new TreeMap<>(java.util.Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        Map<List<String>, java.util.TreeSet<String>> findings = new HashMap<>();
        Map<List<String>, Boolean> strong = new HashMap<>();
        for (List<Object> r : inc.rows()) {
            for (JsonNode i : JSON.readTree(String.valueOf(r.get(1)))) {
                List<String> k = List.of(i.path("type").asText(), i.path("value").asText());
                if (i.path("findings").isEmpty()) continue;
                incidents.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(String.valueOf(r.get(0)));
                i.path("findings").forEach(f -> findings.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(f.asText()));
                strong.merge(k, "strong".equals(i.path("strength").asText()), Boolean::logicalOr);
            }
        }
        Map<String, Object[]> facts = new HashMap<>();
        for (List<Object> r : c.query("SELECT id, CAST(time AS VARCHAR), detector, level FROM findings").rows()) facts.put(String.valueOf(r.get(0)), r.toArray());
        List<Attributed> out = new ArrayList<>();
        incidents.forEach((k, ids) -> {
            Instant first = null;
            Instant last = null;
            boolean detected = false;
            for (String f : findings.get(k)) {
                Object[] x = facts.get(f);
                if (x == null) continue;
                Instant t = x[1] == null ? null : Instant.parse(x[1].toString().replace(' ', 'T') + "Z");
                if (t != null && (first == null || t.isBefore(first))) first = t;
                if (t != null && (last == null || t.isAfter(last))) last = t;
                detected |= !"pivot".equals(x[2]) && ("high".equals(x[3]) || "critical".equals(x[3]));
            }
            out.add(new Attributed(k.get(0), k.get(1), strong.get(k), List.copyOf(ids), List.copyOf(findings.get(k)), detected, first, last));
        });
        return out;
    }

    static void write(CaseFile c, String org, String tlp, int minConfidence, Writer out) throws SQLException, IOException {
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
        for (Attributed a : attributed(c)) {
            if (a.confidence() < minConfidence) continue;
            String pattern = pattern(a.type(), a.value());
            if (pattern == null) continue;
            String first = a.first() == null ? created : stamp(a.first());
            String last = a.last() == null ? created : stamp(a.last());
            String indicatorId = id("indicator", a.type() + "|" + a.value());
            ObjectNode ind = objects.addObject();
            ind.put("type", "indicator");
            ind.put("spec_version", "2.1");
            ind.put("id", indicatorId);
            ind.put("created_by_ref", identity);
            ind.put("created", created);
            ind.put("modified", created);
            ind.put("name", a.type() + " " + a.value());
            ind.put("description", a.description());
            ind.putArray("indicator_types").add("malicious-activity");
            ind.put("pattern", pattern);
            ind.put("pattern_type", "stix");
            ind.put("pattern_version", "2.1");
            ind.put("valid_from", first);
            ind.put("confidence", a.confidence());
            ind.putArray("object_marking_refs").add(marking);
            ObjectNode s = objects.addObject();
            s.put("type", "sighting");
            s.put("spec_version", "2.1");
            s.put("id", id("sighting", a.type() + "|" + a.value() + "|" + org));
            s.put("created_by_ref", identity);
            s.put("created", created);
            s.put("modified", created);
            s.put("first_seen", first);
            s.put("last_seen", last);
            s.put("count", Math.min(999_999_999L, a.findings().size()));
            s.put("sighting_of_ref", indicatorId);
            s.putArray("where_sighted_refs").add(identity);
            s.putArray("object_marking_refs").add(marking);
        }
        out.write(JSON.writeValueAsString(bundle));
    }

    /** The STIX pattern for a discovered value, or null for a type STIX cannot express. */
    static String pattern(String type, String value) {
        String v = literal(value);
        return switch (type) {
            case "ip" -> value.contains(":") ? "[ipv6-addr:value = " + v + "]" : "[ipv4-addr:value = " + v + "]";
            case "domain" -> "[domain-name:value = " + v + "]";
            case "url" -> "[url:value = " + v + "]";
            case "email" -> "[email-addr:value = " + v + "]";
            case "account" -> "[user-account:account_login = " + v + "]";
            case "user-agent" -> "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = " + v + "]";
            case "path" -> "[network-traffic:extensions.'http-request-ext'.request_value = " + v + "]";
            case "file", "file-name" -> filePattern(value);
            case "account-address" -> accountAddress(value);
            case "hash", "sha256", "sha1", "md5" -> switch (value.length()) {
                case 32 -> "[file:hashes.MD5 = " + v + "]";
                case 40 -> "[file:hashes.'SHA-1' = " + v + "]";
                case 64 -> "[file:hashes.'SHA-256' = " + v + "]";
                default -> null;
            };
            default -> null;
        };
    }

    /**
     * An account used from one address (the account that fell to a spray, and where from): both observed, as two
     * observation expressions, for STIX has no object that ties a login to the address it came from.
     */
    private static String accountAddress(String value) {
        int from = value.lastIndexOf(Kind.FROM);
        if (from <= 0) return null;
        String address = pattern("ip", value.substring(from + Kind.FROM.length()));
        return "(" + pattern("account", value.substring(0, from)) + " AND " + address + ")";
    }

    /**
     * A file by name and, when the value names one, its folder: what makes {@code cmd.exe} in a Startup folder or
     * {@code winmm.dll} in a mock "C:\Windows \System32" malicious is where it lies; the bare name would match
     * every genuine copy.
     */
    private static String filePattern(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        String name = "[file:name = " + literal(path.substring(cut + 1));
        if (cut < 0) return name + "]";
        // a drive's root keeps its separator: "c:\", not "c:"
        String folder = cut == 0 || path.charAt(cut - 1) == ':' ? path.substring(0, cut + 1) : path.substring(0, cut);
        return name + " AND file:parent_directory_ref.path = " + literal(folder) + "]";
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
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
