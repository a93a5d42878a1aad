package dwell.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vendored OASIS STIX 2.1 schemas themselves: the recorded upstream bytes, and rules they must enforce. */
class OasisStixSchemasTest {
    private static final Set<String> DRAFT_2020_12 = Set.of("https://json-schema.org/draft/2020-12/schema",
            "http://json-schema.org/draft/2020-12/schema#");
    private static OasisStixSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = OasisStixSchemas.load();
    }

    @Test
    void vendoredSchemasAreTheRecordedUpstreamBytes() throws Exception {
        List<String[]> sums = OasisStixSchemas.sums();
        assertEquals(17, sums.size());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String[] e : sums) {
            byte[] bytes = schemas.files().get(e[1]);
            assertEquals(e[0], HexFormat.of().formatHex(sha.digest(bytes)), e[1]);
            JsonNode schema = OasisStixSchemas.parse(bytes);
            assertEquals(OasisStixSchemas.ID_PREFIX + e[1], schema.get("$id").asText(), e[1]);
            assertTrue(DRAFT_2020_12.contains(schema.get("$schema").asText()), e[1] + ": " + schema.get("$schema"));
        }
        for (String path : OasisStixSchemas.SCHEMA_OF_TYPE.values()) {
            assertTrue(schemas.files().containsKey("schemas/" + path), path);
        }
    }

    @Test
    void timestampAndIdentifierSchemas() {
        assertEquals(List.of(), schemas.validate("common/timestamp.json", TextNode.valueOf("2021-03-03T08:03:30.000Z")));
        assertEquals(List.of(), schemas.validate("common/timestamp.json", TextNode.valueOf("2021-03-03T08:03:30Z")));
        for (String t : List.of("2021-13-03T08:03:30.000Z", "2021-03-03T24:03:30.000Z", "2021-03-03T08:03:30.000+01:00",
                "2021-03-03 08:03:30Z", "2021-03-03T08:03:30")) {
            assertFalse(schemas.validate("common/timestamp.json", TextNode.valueOf(t)).isEmpty(), t);
        }
        assertEquals(List.of(), schemas.validate("common/identifier.json",
                TextNode.valueOf("indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f")));
        for (String id : List.of("indicator--8d3a6e5f-2a3b-7c1d-9e8f-0a1b2c3d4e5f", "indicator--8d3a6e5f-2a3b-4c1d-7e8f-0a1b2c3d4e5f",
                "Indicator--8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f", "indicator-8d3a6e5f-2a3b-4c1d-9e8f-0a1b2c3d4e5f", "indicator--")) {
            assertFalse(schemas.validate("common/identifier.json", TextNode.valueOf(id)).isEmpty(), id);
        }
    }
}
