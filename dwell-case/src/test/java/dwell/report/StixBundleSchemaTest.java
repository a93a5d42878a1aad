package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.testkit.CaseFixture;
import dwell.testkit.OasisStixSchemas;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The STIX export against the OASIS STIX 2.1 JSON schemas (dwell-testkit's resource stix2.1-schemas, see its README):
 * every exported object against the schema of its type, and proof that those schemas reject what STIX forbids.
 */
class StixBundleSchemaTest {
    private static OasisStixSchemas schemas;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchemas() {
        schemas = OasisStixSchemas.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"white", "clear", "green", "amber", "red"})
    void everyExportedObjectIsValidAgainstTheSchemaOfItsType(String tlp) throws Exception {
        JsonNode bundle = exportedBundle(tlp);
        List<String> errors = schemas.validateBundle(bundle);
        assertTrue(errors.isEmpty(), errors.size() + " schema findings:\n" + String.join("\n", errors));
        Map<String, Integer> types = new TreeMap<>();
        for (JsonNode o : bundle.get("objects")) types.merge(o.get("type").asText(), 1, Integer::sum);
        assertEquals(1, types.get("identity"), types.toString());
        assertEquals(1, types.get("marking-definition"), types.toString());
        assertTrue(types.get("indicator") >= 10, types.toString());
        assertEquals(types.get("indicator"), types.get("sighting"), types.toString());
    }

    @Test
    void aBundleWithAnInvalidOrUnknownObjectIsListed() throws Exception {
        ObjectNode bundle = (ObjectNode) exportedBundle("amber");
        assertEquals(List.of(), schemas.validateBundle(bundle));
        ObjectNode sighting = (ObjectNode) first(bundle, "sighting");
        sighting.put("count", 1_000_000_000L);
        bundle.withArray("objects").addObject().put("type", "x-dwell-note").put("id", "x-dwell-note--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f");
        List<String> errors = schemas.validateBundle(bundle);
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("sighting " + sighting.get("id").asText() + ": ")), errors.toString());
        assertTrue(errors.stream().anyMatch(m -> m.contains("no vendored schema for type \"x-dwell-note\"")), errors.toString());
        ObjectNode noObjects = bundle.deepCopy();
        noObjects.putArray("objects");
        assertFalse(schemas.validateBundle(noObjects).isEmpty());
        assertFalse(schemas.validateBundle(bundle.deepCopy().put("id", "report--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f")).isEmpty());
    }

    @Test
    void sightingSchemaRejectsWhatStixForbids() throws Exception {
        ObjectNode s = (ObjectNode) first(exportedBundle("green"), "sighting");
        assertValid(s);
        assertValid(s.deepCopy().put("count", 999_999_999L));
        assertValid(s.deepCopy().put("count", 0));
        assertInvalid(s, o -> o.put("count", 1_000_000_000L));
        assertInvalid(s, o -> o.put("count", -1));
        assertInvalid(s, o -> o.put("count", "12"));
        assertInvalid(s, o -> o.remove("sighting_of_ref"));
        assertInvalid(s, o -> o.put("sighting_of_ref", "relationship--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f"));
        assertInvalid(s, o -> o.putArray("where_sighted_refs").add("indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f"));
        assertInvalid(s, o -> o.putArray("where_sighted_refs"));
        assertInvalid(s, o -> o.put("first_seen", "2021-03-03T08:03:30+01:00"));
        assertInvalid(s, o -> o.put("last_seen", "2021-13-03T08:03:30.000Z"));
        assertInvalid(s, o -> o.put("id", "indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f"));
    }

    @Test
    void indicatorSchemaRejectsWhatStixForbids() throws Exception {
        ObjectNode i = (ObjectNode) first(exportedBundle("green"), "indicator");
        assertValid(i);
        assertInvalid(i, o -> o.remove("pattern_type"));
        assertInvalid(i, o -> o.remove("pattern"));
        assertInvalid(i, o -> o.remove("valid_from"));
        assertInvalid(i, o -> o.put("valid_from", "yesterday"));
        assertInvalid(i, o -> o.putArray("indicator_types"));
        assertInvalid(i, o -> o.putArray("kill_chain_phases").addObject().put("phase_name", "exploitation"));
        assertInvalid(i, o -> o.put("created_by_ref", "identity--not-a-uuid"));
    }

    @Test
    void coreRulesHoldForEveryObjectType() throws Exception {
        JsonNode bundle = exportedBundle("red");
        for (String type : List.of("identity", "indicator", "sighting")) {
            ObjectNode o = (ObjectNode) first(bundle, type);
            assertValid(o);
            assertInvalid(o, x -> x.put("spec_version", "3.0"));
            assertInvalid(o, x -> x.remove("spec_version"));
            assertInvalid(o, x -> x.remove("created"));
            assertInvalid(o, x -> x.remove("modified"));
            // created and modified must carry milliseconds; other timestamps need not
            assertInvalid(o, x -> x.put("created", "2021-03-03T08:03:30Z"));
            assertInvalid(o, x -> x.put("modified", "2021-03-03 08:03:30.000Z"));
            assertInvalid(o, x -> x.put("confidence", 101));
            assertInvalid(o, x -> x.put("X_Custom", "custom properties are lower case"));
            assertInvalid(o, x -> x.putArray("object_marking_refs"));
            assertInvalid(o, x -> x.putArray("labels"));
            assertValid(o.deepCopy().put("x_dwell_case", "a custom property"));
        }
        ObjectNode identity = (ObjectNode) first(bundle, "identity");
        assertInvalid(identity, x -> x.remove("name"));
        assertInvalid(identity, x -> x.put("type", "Identity"));
    }

    @Test
    void relationshipSchemaAcceptsAndRejects() throws Exception {
        JsonNode bundle = exportedBundle("white");
        JsonNode indicator = first(bundle, "indicator");
        ObjectNode r = indicator.deepCopy();
        for (String p : List.of("name", "indicator_types", "pattern", "pattern_type", "pattern_version", "valid_from")) r.remove(p);
        r.put("type", "relationship").put("id", "relationship--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f")
                .put("relationship_type", "indicates").put("source_ref", indicator.get("id").asText())
                .put("target_ref", "malware--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f");
        assertValid(r);
        assertInvalid(r, x -> x.remove("relationship_type"));
        assertInvalid(r, x -> x.put("relationship_type", "Indicates"));
        assertInvalid(r, x -> x.put("source_ref", "sighting--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f"));
        assertInvalid(r, x -> x.put("target_ref", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"));
        assertInvalid(r, x -> x.put("stop_time", "2021-03-03"));
    }

    @Test
    void markingDefinitionSchemaRejectsWhatStixForbids() throws Exception {
        ObjectNode marking = (ObjectNode) first(exportedBundle("white"), "marking-definition");
        assertValid(marking);
        // a TLP marking must be exactly the predefined object: id, name and level belong together, nothing else
        assertInvalid(marking, x -> x.put("name", "TLP:GREEN"));
        assertInvalid(marking, x -> x.put("created", "2021-03-03T08:03:30.000Z"));
        assertInvalid(marking, x -> x.put("x_dwell_note", "extra"));
        assertInvalid(marking, x -> x.put("spec_version", "2.0"));
        ObjectNode statement = marking.objectNode().put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", "marking-definition--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f").put("created", "2021-03-03T08:03:30.000Z")
                .put("definition_type", "statement");
        statement.putObject("definition").put("statement", "Copyright 2021 CERT Example");
        assertValid(statement);
        assertInvalid(statement, x -> x.putObject("definition"));
        assertInvalid(statement, x -> x.remove("created"));
    }

    @Test
    void onlyTheIncidentsAttributedIndicatorsAreSharedWithTheirConfidence() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out-attr"), 5);
        try (CaseFile c = CaseFile.open(tmp.resolve("attr.duckdb"))) {
            c.importRun(out, new RunInfo("dwell scan examples/", "0.1.0", "digest", Instant.parse("2021-03-05T10:00:00Z"),
                    Instant.parse("2021-03-05T10:00:05Z")));
            java.util.Map<String, Integer> all = exported(c, 0);
            java.util.Map<String, Integer> shared = exported(c, 50);
            JsonNode incidents = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("incidents.json").toFile()).get("incidents");
            java.util.Set<String> attributed = new java.util.TreeSet<>();
            for (JsonNode i : incidents.get(0).get("indicators")) attributed.add(i.get("type").asText() + " " + i.get("value").asText());
            assertEquals(attributed, all.keySet(), "every attributed value, and nothing else (the findings' own lists are not shared)");
            assertEquals(30, all.get("account contoso\\" + CaseFixture.PAYLOADS.get(6)));
            assertEquals(85, all.get("ip 198.51.100.0"), "strong and shown by a high detection");
            for (String k : shared.keySet()) assertTrue(!k.startsWith("account ") && !k.startsWith("user-agent "), k);
            assertEquals(all.size() - 2, shared.size());
        }
    }

    /** The (type value) -> confidence of each indicator exported at a minimum confidence. */
    private static java.util.Map<String, Integer> exported(CaseFile c, int min) throws Exception {
        StringWriter w = new StringWriter();
        StixBundle.write(c, "CERT Example", "amber", min, w);
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        for (JsonNode o : new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.toString()).get("objects")) {
            if (o.get("type").asText().equals("indicator")) out.put(o.get("name").asText(), o.get("confidence").asInt());
        }
        return out;
    }

    private static void assertValid(JsonNode object) {
        assertEquals(List.of(), schemas.validateObject(object), object.toString());
    }

    /** The mutation of a valid object must be rejected; the unmutated object must still pass, so the rejection is the mutation's. */
    private static void assertInvalid(ObjectNode valid, Consumer<ObjectNode> mutation) {
        assertValid(valid);
        ObjectNode o = valid.deepCopy();
        mutation.accept(o);
        assertFalse(schemas.validateObject(o).isEmpty(), "the " + o.path("type").asText() + " schema accepted " + o);
    }

    private static JsonNode first(JsonNode bundle, String type) {
        for (JsonNode o : bundle.get("objects")) if (o.path("type").asText().equals(type)) return o;
        throw new AssertionError("no " + type + " in the bundle");
    }

    /** A case built from the fixture scan output, exported as STIX the way `dwell report --format stix` does. */
    private JsonNode exportedBundle(String tlp) throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out-" + tlp), 30);
        try (CaseFile c = CaseFile.open(tmp.resolve(tlp + ".duckdb"))) {
            c.importRun(out, new RunInfo("dwell scan examples/", "0.1.0", "digest", Instant.parse("2021-03-05T10:00:00Z"),
                    Instant.parse("2021-03-05T10:00:05Z")));
            StringWriter w = new StringWriter();
            StixBundle.write(c, "CERT Example", tlp, 0, w);
            return OasisStixSchemas.parse(w.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
