package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a scan of evidence on a Hadoop file system with the local engine's scan of the same files: the local outputs
 * with each local root replaced by its URI (and, as a finding's id hashes its path, each finding's id by the id of the
 * finding on the same line of the other findings.jsonl) must be the other outputs.
 */
final class MappedOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> roots;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Path local;
    private final Path remote;

    /** {@code roots}: local root -> the URI it was uploaded to. */
    MappedOutputs(Path local, Path remote, Map<String, String> roots) {
        this.local = local;
        this.remote = remote;
        this.roots = roots;
    }

    private String mapped(String text) {
        for (Map.Entry<String, String> r : roots.entrySet()) {
            text = text.replace(r.getKey(), r.getValue()).replace(r.getKey().toLowerCase(), r.getValue().toLowerCase());
        }
        for (Map.Entry<String, String> id : ids.entrySet()) text = text.replace(id.getKey(), id.getValue());
        return text;
    }

    /** findings.jsonl byte for byte, paths and ids mapped; returns the remote scan's lines. */
    List<String> findings() throws IOException {
        List<String> mine = Files.readAllLines(local.resolve("findings.jsonl"));
        List<String> theirs = Files.readAllLines(remote.resolve("findings.jsonl"));
        assertEquals(mine.size(), theirs.size(), "findings");
        for (int i = 0; i < mine.size(); i++) ids.put(JSON.readTree(mine.get(i)).get("id").asText(), JSON.readTree(theirs.get(i)).get("id").asText());
        assertEquals(mine.size(), new HashSet<>(ids.values()).size(), "one id a finding");
        assertEquals(mapped(Files.readString(local.resolve("findings.jsonl"))), Files.readString(remote.resolve("findings.jsonl")));
        return theirs;
    }

    void inventory() throws IOException {
        assertEquals(mapped(Files.readString(local.resolve("inventory.json"))), Files.readString(remote.resolve("inventory.json")));
    }

    /**
     * The same incidents, as sets: lists sorted, and without the story and the summary, which pick among findings of
     * one time by id (another path, another id, another pick); call after {@link #findings}.
     */
    void incidents() throws IOException {
        JsonNode mine = canonical(JSON.readTree(mapped(Files.readString(local.resolve("incidents.json")))));
        JsonNode theirs = canonical(JSON.readTree(Files.readString(remote.resolve("incidents.json"))));
        assertTrue(mine.get("incidents").size() > 0, "incidents");
        assertEquals(mine, theirs);
    }

    private static JsonNode canonical(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("story");
            o.remove("summary");
            o.fields().forEachRemaining(e -> e.setValue(canonical(e.getValue())));
            return o;
        }
        if (n instanceof ArrayNode a) {
            List<JsonNode> items = new ArrayList<>();
            a.forEach(x -> items.add(canonical(x)));
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = JSON.createArrayNode();
            items.forEach(sorted::add);
            return sorted;
        }
        return n;
    }
}
