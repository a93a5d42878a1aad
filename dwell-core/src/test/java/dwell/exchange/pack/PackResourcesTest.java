package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dwell.hunt.RuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pack's data files are well-formed: indexes complete, ids unique UUIDs, every rule tagged. */
class PackResourcesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> LOGSOURCES = Set.of("null/webserver/null", "exchange/null/httpproxy",
            "exchange/null/ecp", "exchange/null/oabgenerator", "windows/process_creation/null",
            "windows/file_event/null", "windows/null/msexchange-management", "windows/null/application");

    private static Path folder(String name) throws URISyntaxException {
        return Path.of(PackResourcesTest.class.getResource("/dwell/builtin/exchange/" + name).toURI());
    }

    private static List<String> listed(String name) throws URISyntaxException, IOException {
        try (Stream<Path> s = Files.list(folder(name))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.txt")).sorted().toList();
        }
    }

    @Test
    void indexesNameExactlyTheFilesThere() throws Exception {
        assertEquals(listed("sigma"), ExchangePack.index(ExchangePack.SIGMA).stream().sorted().toList());
        assertEquals(listed("iocs"), ExchangePack.index(ExchangePack.IOCS).stream().sorted().toList());
    }

    @Test
    void everyRuleHasAUniqueIdATechniqueAndAKnownLogsource() throws Exception {
        Set<String> ids = new HashSet<>();
        for (RuleRef r : PackEvents.RULES.all().values()) {
            assertTrue(ids.add(r.id()), r.id());
            UUID.fromString(r.id());
            assertTrue(r.tags().stream().anyMatch(t -> t.matches("attack\\.t\\d{4}(\\.\\d{3})?")), r.title());
        }
        for (String file : ExchangePack.index(ExchangePack.SIGMA)) {
            JsonNode rule;
            try (InputStream in = ExchangePack.class.getResourceAsStream(ExchangePack.SIGMA + file)) {
                assertNotNull(in, file);
                rule = YAML.readTree(in);
            }
            String id = rule.path("id").asText();
            assertTrue(ids.add(id), "duplicate id " + id + " in " + file);
            assertEquals(id, UUID.fromString(id).toString(), file);
            assertFalse(rule.path("title").asText().isBlank(), file);
            assertTrue(Set.of("informational", "low", "medium", "high", "critical").contains(rule.path("level").asText()), file);
            List<String> tags = YAML.convertValue(rule.path("tags"), YAML.getTypeFactory().constructCollectionType(List.class, String.class));
            assertTrue(tags.stream().anyMatch(t -> t.matches("attack\\.t\\d{4}(\\.\\d{3})?")), file);
            assertTrue(tags.stream().filter(t -> t.startsWith("cve.")).allMatch(t -> t.matches("cve\\.\\d{4}-\\d{4,}")), file);
            JsonNode ls = rule.path("logsource");
            String key = ls.path("product").asText(null) + "/" + ls.path("category").asText(null) + "/" + ls.path("service").asText(null);
            assertTrue(LOGSOURCES.contains(key), file + ": " + key);
            assertTrue(rule.path("detection").has("condition"), file);
            assertEquals("dwell", rule.path("author").asText(), file);
        }
    }
}
