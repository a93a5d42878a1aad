package dwell.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/** What the YAML parser made of one document of a rule file: its tree, or why the file's text stops there. */
sealed interface ParsedDocument {
    /** A document's tree and the line it starts on. */
    record Document(int line, JsonNode tree) implements ParsedDocument {
    }

    /** Malformed YAML at {@code line}: no further document of the file is read. */
    record Malformed(int line, String reason) implements ParsedDocument {
    }
}
