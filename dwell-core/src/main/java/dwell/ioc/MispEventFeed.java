package dwell.ioc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.text.Nesting;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads MISP JSON exports ({@code {"Event":...}}, {@code {"response":[{"Event":...}]}}, or an array of
 * either), streaming attribute by attribute: event attributes and the attributes of event objects. Only
 * attributes meant for detection ({@code to_ids}, true when absent) are loaded; the others are skipped and
 * counted. Composite types are split: {@code domain|ip} gives two indicators; {@code filename|md5} (and the
 * other hashes) gives the hash, the file name kept as comment; {@code ip-dst|port}, {@code ip-src|port},
 * {@code hostname|port} give the address with the port as a condition checked where the log records a port.
 */
final class MispEventFeed {
    private static final ObjectMapper JSON = new ObjectMapper(Nesting.limit(new JsonFactory()));
    /** MISP types that are context, not something to look for in evidence. */
    private static final Set<String> CONTEXT_TYPES = Set.of("comment", "text", "other", "link", "attachment",
            "datetime", "counter", "float", "boolean", "vulnerability", "weakness", "threat-actor", "campaign-name",
            "campaign-id", "malware-type", "target-user", "target-email", "target-machine", "target-org",
            "target-location", "target-external", "whois-registrant-email", "whois-registrant-name",
            "whois-registrar", "whois-creation-date", "size-in-bytes", "hex", "cpe", "phone-number", "anonymised",
            "full-name", "first-name", "last-name", "country-of-residence", "nationality", "sigma", "yara", "snort",
            "bro", "zeek", "pattern-in-file", "pattern-in-traffic", "pattern-in-memory", "stix2-pattern");

    private MispEventFeed() {
    }

    static void read(InputStream in, FeedContext ctx) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) wrapper(p, ctx);
            } else if (t == JsonToken.START_OBJECT) {
                wrapper(p, ctx);
            } else {
                ctx.reject("file", "not a MISP export: JSON does not start with an object or array");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.rejectMalformed(e);
        }
    }

    /** Inside an object that is an event, or wraps one under "Event", or wraps a list under "response". */
    private static void wrapper(JsonParser p, FeedContext ctx) throws IOException {
        EventInfo info = new EventInfo();
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("Event") && v == JsonToken.START_OBJECT) {
                event(p, ctx);
                found = true;
            } else if (name.equals("response") && v == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) wrapper(p, ctx);
                found = true;
            } else if (eventField(name, v, p, ctx, info)) {
                found = true;
            } else {
                p.skipChildren();
            }
        }
        if (!found) ctx.reject("object", "no MISP Event (expected \"Event\", \"response\" or \"Attribute\")");
    }

    private static void event(JsonParser p, FeedContext ctx) throws IOException {
        EventInfo info = new EventInfo();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!eventField(name, v, p, ctx, info)) p.skipChildren();
        }
    }

    /** Handles one field of an event; returns false for fields left to the caller to skip. */
    private static boolean eventField(String name, JsonToken v, JsonParser p, FeedContext ctx, EventInfo info)
            throws IOException {
        switch (name) {
            case "info" -> {
                info.info = v.isScalarValue() ? p.getText() : null;
                if (!v.isScalarValue()) p.skipChildren();
                return true;
            }
            case "uuid" -> {
                if (v.isScalarValue()) info.uuid = p.getText();
                else p.skipChildren();
                return true;
            }
            case "Attribute" -> {
                if (v != JsonToken.START_ARRAY) return false;
                while (p.nextToken() == JsonToken.START_OBJECT) attribute(p.readValueAsTree(), null, ctx, info);
                return true;
            }
            case "Object" -> {
                if (v != JsonToken.START_ARRAY) return false;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode o = p.readValueAsTree();
                    if (o.path("deleted").asBoolean(false)) {
                        ctx.skip("deleted object");
                        continue;
                    }
                    String objName = o.path("name").asText("object");
                    JsonNode attrs = o.path("Attribute");
                    if (!attrs.isArray()) {
                        ctx.reject("object " + o.path("uuid").asText(o.path("id").asText("?")), "MISP object without an Attribute list");
                        continue;
                    }
                    for (JsonNode a : attrs) attribute(a, objName, ctx, info);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static final class EventInfo {
        String info;
        String uuid;
        int attributes;
    }

    private static void attribute(JsonNode a, String objectName, FeedContext ctx, EventInfo info) {
        info.attributes++;
        String uuid = text(a, "uuid");
        String id = uuid != null ? uuid : text(a, "id");
        String where = id != null ? "attribute " + id : "attribute #" + info.attributes + (info.uuid == null ? "" : " of event " + info.uuid);
        String type = text(a, "type");
        String value = text(a, "value");
        if (type == null) {
            ctx.reject(where, "attribute without a type");
            return;
        }
        if (value == null) {
            ctx.reject(where, "attribute without a value");
            return;
        }
        if (a.path("deleted").asBoolean(false)) {
            ctx.skip("deleted attribute");
            return;
        }
        if (!toIds(a.get("to_ids"))) {
            ctx.skip("to_ids is false (context, not for detection)");
            return;
        }
        type = type.toLowerCase(Locale.ROOT);
        if (CONTEXT_TYPES.contains(type)) {
            ctx.skip("not an indicator type: " + type);
            return;
        }
        String comment = text(a, "comment");
        if (comment == null && info.info != null) comment = "MISP event: " + info.info;
        if (comment != null && objectName != null) comment = objectName + ": " + comment;
        Instant from;
        Instant until;
        try {
            from = instant(text(a, "first_seen"));
            until = instant(text(a, "last_seen"));
        } catch (DateTimeParseException e) {
            ctx.reject(where, "invalid first_seen/last_seen: " + e.getParsedString());
            return;
        }
        IocSource src = ctx.object(id != null ? id : (info.uuid == null ? "misp" : info.uuid) + "#" + info.attributes, 0);
        try {
            for (Ioc ioc : parse(type, value, src, comment, from, until)) ctx.add(ioc);
        } catch (IocSyntaxException e) {
            ctx.reject(where, e.getMessage());
        } catch (UnsupportedType e) {
            ctx.skip("type not matched by dwell: " + type);
        }
    }

    private static final class UnsupportedType extends Exception {
        UnsupportedType() {
            super(null, null, false, false);
        }
    }

    private static List<Ioc> parse(String type, String value, IocSource src, String comment, Instant from, Instant until)
            throws IocSyntaxException, UnsupportedType {
        if (type.equals("malware-sample")) type = "filename|md5";
        int bar = type.indexOf('|');
        if (bar < 0) {
            IocType t = IocType.byName(type).orElseThrow(UnsupportedType::new);
            if (t == IocType.PORT) throw new UnsupportedType();
            return List.of(new Ioc(ValueParser.parse(t, value), List.of(), src, null, comment, from, until));
        }
        String[] parts = value.split("\\|", -1);
        if (parts.length != 2) throw new IocSyntaxException("composite " + type + " value needs two '|'-separated parts: " + ValueParser.abbreviate(value));
        String left = type.substring(0, bar);
        String right = type.substring(bar + 1);
        IocType lt = IocType.byName(left).orElseThrow(UnsupportedType::new);
        if (right.equals("port")) {
            int port = ValueParser.port(parts[1].strip());
            if (port < 0) throw new IocSyntaxException("invalid port in " + type + ": " + parts[1]);
            Ioc.Check c = new Ioc.Check(new IocValue.Port(port, Direction.ANY), false, true);
            return List.of(new Ioc(ValueParser.parse(lt, parts[0]), List.of(c), src, null, comment, from, until));
        }
        if (lt == IocType.FILE_NAME) {
            IocType rt = IocType.byName(right).filter(IocType::isHash).orElseThrow(UnsupportedType::new);
            String c = "file name " + parts[0].strip() + (comment == null ? "" : "; " + comment);
            return List.of(new Ioc(ValueParser.parse(rt, parts[1]), List.of(), src, null, c, from, until));
        }
        IocType rt = IocType.byName(right).orElseThrow(UnsupportedType::new);
        if (rt == IocType.PORT) throw new UnsupportedType();
        return List.of(new Ioc(ValueParser.parse(lt, parts[0]), List.of(), src, null, comment, from, until),
                new Ioc(ValueParser.parse(rt, parts[1]), List.of(), src, null, comment, from, until));
    }

    private static boolean toIds(JsonNode n) {
        if (n == null || n.isNull()) return true;
        if (n.isBoolean()) return n.asBoolean();
        if (n.isNumber()) return n.asInt() != 0;
        String s = n.asText().strip().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true");
    }

    private static String text(JsonNode a, String field) {
        JsonNode n = a.get(field);
        if (n == null || n.isNull() || !n.isValueNode()) return null;
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
