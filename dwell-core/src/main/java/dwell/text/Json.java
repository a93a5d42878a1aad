package dwell.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The JSON writers of every output: stable key order, ISO-8601 UTC times, and evidence text made safe
 * ({@link SafeText}): lone surrogates become U+FFFD, so every document is valid UTF-8 for strict parsers, and
 * controls, format characters, separators and characters beyond the BMP are written as <code>&#92;u</code> escapes, so
 * no document holds them raw (a surrogate pair as a pair of escapes). Values read back are what was written.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new JsonEscapes())
            .addDecorator((factory, generator) -> new WellFormed(generator))
            .build();

    /** Indented documents (summary, inventory, incidents, the stdout of --format json). */
    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** One document a line (findings.jsonl). */
    public static final ObjectMapper LINE = new ObjectMapper(FACTORY);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** ISO-8601 with Z, or null. */
    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    public static String pretty(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the node, indented, as the file {@code path}. */
    public static void write(Path path, Object node) throws IOException {
        try (Writer w = SafeText.utf8(Files.newOutputStream(path))) {
            // straight to the file: no copy of the whole document as a string first
            MAPPER.writeValue(w, node);
            w.write('\n');
        }
    }

    /** Replaces lone surrogates in every string and field name the generator writes. */
    private static final class WellFormed extends JsonGeneratorDelegate {
        WellFormed(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeString(String text) throws IOException {
            delegate.writeString(SafeText.wellFormed(text));
        }

        @Override
        public void writeString(char[] text, int offset, int len) throws IOException {
            writeString(new String(text, offset, len));
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            delegate.writeFieldName(SafeText.wellFormed(name));
        }

        @Override
        public void writeStringField(String name, String value) throws IOException {
            writeFieldName(name);
            writeString(value);
        }
    }
}
