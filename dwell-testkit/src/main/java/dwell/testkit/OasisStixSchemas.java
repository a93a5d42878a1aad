package dwell.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The vendored OASIS STIX 2.1 JSON schemas (this module's resources), loaded by their upstream $id, never fetched. */
public final class OasisStixSchemas {
    static final String RESOURCES = "stix2.1-schemas/";
    static final String ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/";
    /** The schema of each object type dwell exports, as bundle.json would pick it. */
    static final Map<String, String> SCHEMA_OF_TYPE = Map.of(
            "identity", "sdos/identity.json",
            "indicator", "sdos/indicator.json",
            "sighting", "sros/sighting.json",
            "relationship", "sros/relationship.json",
            "marking-definition", "common/marking-definition.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> files;
    private final JsonSchemaFactory factory;

    private OasisStixSchemas(Map<String, byte[]> files) {
        this.files = files;
        Map<String, String> byId = new LinkedHashMap<>();
        files.forEach((path, bytes) -> byId.put(ID_PREFIX + path, new String(bytes, StandardCharsets.UTF_8)));
        // the map loader is the only loader: a $ref outside the vendored set fails instead of going to the network
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.values(List::clear).schemas(byId)));
    }

    /** Loads every file that SHA256SUMS lists. */
    public static OasisStixSchemas load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String[] entry : sums()) files.put(entry[1], resource(RESOURCES + entry[1]));
        return new OasisStixSchemas(files);
    }

    /** SHA256SUMS as (hex digest, path relative to the resource folder) pairs. */
    static List<String[]> sums() {
        List<String[]> out = new ArrayList<>();
        for (String line : new String(resource(RESOURCES + "SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            out.add(line.split(" {2}", 2));
        }
        return out;
    }

    Map<String, byte[]> files() {
        return files;
    }

    /** The schema's findings for {@code instance}; empty when it is valid. {@code path} is under schemas/, e.g. common/core.json. */
    List<String> validate(String path, JsonNode instance) {
        String file = "schemas/" + path;
        if (!files.containsKey(file)) throw new IllegalArgumentException("not vendored: " + file);
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ID_PREFIX + file));
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(instance)) out.add(m.getMessage());
        return out;
    }

    /**
     * Every schema finding for a STIX bundle, each prefixed by where it is; empty when the bundle is valid.
     * bundle.json is not vendored (see the README), so its envelope rules (type "bundle", an identifier
     * starting "bundle--", a non-empty objects array) are checked here; each object is validated against
     * the OASIS schema of its type, and an object of a type without a vendored schema is itself a finding.
     */
    public List<String> validateBundle(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        if (!bundle.path("type").asText().equals("bundle")) out.add("bundle: type is not \"bundle\"");
        if (!bundle.path("id").asText().startsWith("bundle--")) out.add("bundle: id does not start with bundle--");
        for (String m : validate("common/identifier.json", bundle.path("id"))) out.add("bundle id: " + m);
        JsonNode objects = bundle.path("objects");
        if (!objects.isArray() || objects.isEmpty()) out.add("bundle: objects is not a non-empty array");
        for (JsonNode o : objects) {
            String where = o.path("type").asText() + " " + o.path("id").asText();
            for (String m : validateObject(o)) out.add(where + ": " + m);
        }
        return out;
    }

    /** The findings of the OASIS schema for the object's type. */
    public List<String> validateObject(JsonNode object) {
        String schema = SCHEMA_OF_TYPE.get(object.path("type").asText());
        if (schema == null) return List.of("no vendored schema for type \"" + object.path("type").asText() + "\"");
        return validate(schema, object);
    }

    /** Parses JSON bytes, e.g. an exported bundle, as the validator reads them. */
    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = OasisStixSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
