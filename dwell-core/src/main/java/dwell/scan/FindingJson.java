package dwell.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.text.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Findings as the lines of findings.jsonl, keys in DESIGN.md's order, streamed through {@link Json#LINE}'s generator:
 * the same tokens, so the same bytes, as a tree of each finding serialized, without building the trees: the issue 20
 * scan's first write of its output took 0.31 s of CPU with them, 0.25 s without (bench/output-stage.sh).
 */
final class FindingJson {
    /** The details, a detector's own map of any shape, as a tree as before; not flushed after each finding. */
    private static final ObjectWriter DETAILS = Json.LINE.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private FindingJson() {
    }

    /** A generator for a file of lines on {@code w}: each line ends with its own newline, so no root separator. */
    static JsonGenerator lines(Writer w) throws IOException {
        JsonGenerator g = Json.LINE.getFactory().createGenerator(w);
        g.setRootValueSeparator(null);
        return g;
    }

    /** Writes {@code f} as one line (newline included). */
    static void write(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", f.id());
        g.writeStringField("time", Json.time(f.time()));
        g.writeStringField("detector", f.detector());
        g.writeObjectFieldStart("rule");
        g.writeStringField("id", f.rule().id());
        g.writeStringField("title", f.rule().title());
        g.writeStringField("level", f.rule().level() == null ? null : f.rule().level().id());
        g.writeArrayFieldStart("tags");
        for (String t : f.rule().tags()) g.writeString(t);
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField("host", f.host());
        g.writeObjectFieldStart("evidence");
        g.writeStringField("path", f.evidence().path());
        g.writeStringField("sha256", f.evidence().sha256());
        g.writeStringField("format", f.evidence().format());
        g.writeNumberField("line", f.evidence().line());
        g.writeNumberField("record", f.evidence().record());
        g.writeEndObject();
        g.writeObjectFieldStart("event");
        if (f.event() != null) {
            for (Map.Entry<String, String> e : f.event().entrySet()) g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("indicators");
        if (f.indicators() != null) {
            for (Indicator i : f.indicators()) {
                g.writeStartObject();
                g.writeStringField("type", i.type());
                g.writeStringField("value", i.value());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        if (f.details() != null && !f.details().isEmpty()) {
            g.writeFieldName("details");
            DETAILS.writeValue(g, Json.LINE.valueToTree(f.details()));
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
