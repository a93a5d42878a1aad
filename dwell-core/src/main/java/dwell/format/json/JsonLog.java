package dwell.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dwell.event.FieldAliases;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.Provenance;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.LineReader;
import dwell.format.text.TextFormat;
import dwell.format.text.TextStreams;
import dwell.format.text.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Exported events as JSON: JSON lines / NDJSON, pretty-printed or concatenated objects, and JSON
 * arrays of objects (PowerShell's {@code Get-WinEvent | ConvertTo-Json}). Each object is flattened to
 * dotted field names (array items by index: {@code Properties.0.Value}); aliases and the respelling of names
 * written with spaces come from {@link FieldAliases}. The time is the first parseable of {@link FieldAliases#timeFields()}, the logsource
 * follows the {@code Channel}, the host is the {@code Computer}. An event's position is the line its object starts
 * on, and for the second and later objects starting on one line (a one-line array) their rank there as record.
 * Recognised by an opening brace followed by a name or a closing brace, or a bracket followed by either brace.
 */
public final class JsonLog extends TextFormat {
    public static final FormatId ID = FormatId.of("json");
    /** Asked for at the first read: the registry makes every format, and sniffing needs no aliases. */
    private final Supplier<FieldAliases> aliases;

    public JsonLog() {
        this(LineReader.DEFAULT_MAX_LINE, FieldAliases::builtIn);
    }

    public JsonLog(int maxRecord, FieldAliases aliases) {
        this(maxRecord, () -> aliases);
    }

    private JsonLog(int maxRecord, Supplier<FieldAliases> aliases) {
        super(ID, LogSource.NONE, Series.NONE, maxRecord);
        this.aliases = aliases;
    }

    @Override
    protected Clue sniffText(Head head) {
        String t = head.text().stripLeading();
        if (t.isEmpty()) return null;
        char c = t.charAt(0);
        if (c != '{' && c != '[') return null;
        String rest = t.substring(1).stripLeading();
        if (rest.isEmpty()) return Clue.CONTENT;
        char n = rest.charAt(0);
        return (c == '{' ? n == '"' || n == '}' : n == '{' || n == ']') ? Clue.CONTENT : null;
    }

    @Override
    public void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
        FieldAliases aliases = this.aliases.get();
        JsonRecords records = new JsonRecords(TextStreams.utf8(in), maxLine, sink);
        while (records.next()) {
            Map<String, String> fields = new LinkedHashMap<>();
            // decoded first, so that invalid UTF-8 becomes U+FFFD instead of failing the object
            String raw = records.text();
            try (JsonParser p = Parsers.FACTORY.createParser(raw)) {
                p.nextToken();
                flatten(p, "", fields);
                if (p.nextToken() != null) throw new JsonProcessingException("trailing content after the object", p.currentLocation()) { };
            } catch (IOException | RuntimeException e) {
                // the object is in memory: any failure here is about its content, not the stream
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
                sink.unreadable(records.line(), "malformed JSON: " + why.lines().findFirst().orElse(""));
                continue;
            }
            Map<String, String> shortNames = new HashMap<>();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                String s = aliases.shortName(f.getKey());
                if (s != null && !fields.containsKey(s)) shortNames.putIfAbsent(s, f.getValue());
            }
            // after the short names, so that a name the event has, in full or short, wins over a respelling
            Map<String, String> respelledShort = aliases.respelled(shortNames, fields);
            aliases.respelled(fields, fields).forEach(shortNames::putIfAbsent);
            respelledShort.forEach(shortNames::putIfAbsent);
            // a line's later objects (one-line arrays) are told apart by their rank, the first keeps record 0
            int rank = records.rankOnLine();
            JsonEvent event = new JsonEvent(fields, shortNames, aliases, raw,
                    new Provenance(itemPath, records.line(), rank > 1 ? rank : 0));
            Instant time = null;
            for (String t : aliases.timeFields()) {
                String v = event.get(t);
                if (v != null && (time = Timestamps.lenient(v)) != null) break;
            }
            String channel = event.get("Channel");
            LogSource source = channel != null ? LogSources.forChannel(channel) : logSource();
            event.resolve(time, source, event.get("Computer"));
            sink.event(event);
        }
    }

    /** Flattens the value at the parser's current token under {@code prefix}. */
    private static void flatten(JsonParser p, String prefix, Map<String, String> out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                flatten(p, prefix.isEmpty() ? name : prefix + "." + name, out);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                flatten(p, prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i, out);
                i++;
            }
        } else if (t != null && t != JsonToken.VALUE_NULL) {
            out.putIfAbsent(prefix, p.getText());
        }
    }

    /** Jackson's parser factory, made at the first read rather than when the registry makes every format. */
    private static final class Parsers {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }
}
