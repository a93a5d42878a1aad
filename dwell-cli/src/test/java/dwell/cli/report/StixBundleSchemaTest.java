package dwell.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dwell.cli.casefile.CaseFile;
import dwell.cli.casefile.RunInfo;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The STIX export against the OASIS STIX 2.1 JSON schemas that could be vendored (see the README of
 * test resource stix2.1-schemas): marking definitions, identifiers and timestamps. The SDO/SRO schemas
 * need core.json, which is not vendored, so identity, indicator and sighting objects are not covered here.
 */
class StixBundleSchemaTest {
    private static final Set<String> TIMESTAMPS = Set.of("created", "modified", "valid_from", "valid_until", "first_seen",
            "last_seen", "start_time", "stop_time");
    private static OasisStixSchemas schemas;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchemas() {
        schemas = OasisStixSchemas.load();
    }

    @Test
    void vendoredSchemasAreTheRecordedUpstreamBytes() throws Exception {
        List<String[]> sums = OasisStixSchemas.sums();
        assertEquals(11, sums.size());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String[] e : sums) {
            byte[] bytes = schemas.files().get(e[1]);
            assertEquals(e[0], HexFormat.of().formatHex(sha.digest(bytes)), e[1]);
            JsonNode schema = OasisStixSchemas.parse(bytes);
            assertEquals(OasisStixSchemas.ID_PREFIX + e[1], schema.get("$id").asText(), e[1]);
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText(), e[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"white", "clear", "green", "amber", "red"})
    void exportedMarkingsIdentifiersAndTimestampsValidate(String tlp) throws Exception {
        JsonNode bundle = exportedBundle(tlp);
        List<String> errors = new ArrayList<>();
        int[] checked = new int[3];
        check(errors, "bundle", "common/identifier.json", bundle.get("id"));
        for (JsonNode o : bundle.get("objects")) {
            String where = o.path("id").asText();
            if (o.path("type").asText().equals("marking-definition")) {
                check(errors, where, "common/marking-definition.json", o);
                checked[0]++;
            }
            for (Map.Entry<String, JsonNode> p : o.properties()) {
                String name = p.getKey();
                if (name.equals("id") || name.endsWith("_ref")) {
                    check(errors, where + " " + name, "common/identifier.json", p.getValue());
                    checked[1]++;
                } else if (name.endsWith("_refs")) {
                    for (JsonNode ref : p.getValue()) check(errors, where + " " + name, "common/identifier.json", ref);
                    checked[1] += p.getValue().size();
                } else if (TIMESTAMPS.contains(name)) {
                    check(errors, where + " " + name, "common/timestamp.json", p.getValue());
                    checked[2]++;
                }
            }
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
        assertEquals(1, checked[0], "one TLP marking definition");
        assertTrue(checked[1] > 30 && checked[2] > 30, "identifiers " + checked[1] + ", timestamps " + checked[2]);
    }

    @Test
    void theSchemasRejectWhatStixForbids() throws Exception {
        ObjectNode marking = (ObjectNode) exportedBundle("white").get("objects").get(1);
        assertEquals("marking-definition", marking.get("type").asText());
        assertEquals(List.of(), schemas.validate("common/marking-definition.json", marking));
        // a TLP marking must be exactly the predefined object: id, name and level belong together, nothing else
        assertInvalid("common/marking-definition.json", marking.deepCopy().put("name", "TLP:GREEN"));
        assertInvalid("common/marking-definition.json", marking.deepCopy().put("created", "2021-03-03T08:03:30.000Z"));
        assertInvalid("common/marking-definition.json", marking.deepCopy().put("x_dwell_note", "extra"));
        assertInvalid("common/marking-definition.json", marking.deepCopy().put("spec_version", "2.0"));
        ObjectNode statement = marking.objectNode().put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", "marking-definition--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f").put("created", "2021-03-03T08:03:30.000Z")
                .put("definition_type", "statement");
        statement.putObject("definition").put("statement", "Copyright 2021 CERT Example");
        assertEquals(List.of(), schemas.validate("common/marking-definition.json", statement));
        ObjectNode noStatement = statement.deepCopy();
        noStatement.putObject("definition");
        assertInvalid("common/marking-definition.json", noStatement);
        ObjectNode noCreated = statement.deepCopy();
        noCreated.remove("created");
        assertInvalid("common/marking-definition.json", noCreated);

        assertEquals(List.of(), schemas.validate("common/timestamp.json", TextNode.valueOf("2021-03-03T08:03:30.000Z")));
        for (String t : List.of("2021-13-03T08:03:30.000Z", "2021-03-03T24:03:30.000Z", "2021-03-03T08:03:30.000+01:00",
                "2021-03-03 08:03:30Z", "2021-03-03T08:03:30")) {
            assertInvalid("common/timestamp.json", TextNode.valueOf(t));
        }
        assertEquals(List.of(), schemas.validate("common/identifier.json",
                TextNode.valueOf("indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f")));
        for (String id : List.of("indicator--8d3a6e5f-2a3b-7c1d-9e8f-0a1b2c3d4e5f", "indicator--8d3a6e5f-2a3b-4c1d-7e8f-0a1b2c3d4e5f",
                "Indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f", "indicator-8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f", "indicator--")) {
            assertInvalid("common/identifier.json", TextNode.valueOf(id));
        }
    }

    private void assertInvalid(String schema, JsonNode instance) {
        assertFalse(schemas.validate(schema, instance).isEmpty(), schema + " accepted " + instance);
    }

    private static void check(List<String> errors, String where, String schema, JsonNode value) {
        for (String m : schemas.validate(schema, value)) errors.add(where + " (" + schema + "): " + m);
    }

    /** A case built from the fixture scan output, exported as STIX the way `dwell report --format stix` does. */
    private JsonNode exportedBundle(String tlp) throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out-" + tlp), 30);
        try (CaseFile c = CaseFile.open(tmp.resolve(tlp + ".duckdb"))) {
            c.importRun(out, new RunInfo("dwell scan examples/", "0.1.0", "digest", Instant.parse("2021-03-05T10:00:00Z"),
                    Instant.parse("2021-03-05T10:00:05Z")));
            StringWriter w = new StringWriter();
            StixBundle.write(c, "CERT Example", tlp, w);
            return OasisStixSchemas.parse(w.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
