package dwell.sigma;

import dwell.event.FormatId;
import dwell.formats.Formats;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A logsource mapping as bytes, for the rule cache: what its YAML files gave (entries and their targets, the event
 * id field, the logsources named, the formats whose raw text renders their fields, the dispatch fields), so a
 * repeated run loads no YAML parser. Formats are written by id; the formats' own logsources are the code's, added
 * on reading.
 */
final class LogsourceMappingCodec {
    private LogsourceMappingCodec() {
    }

    static byte[] encode(LogsourceMapping m) {
        EntryOut out = new EntryOut();
        out.list(m.entries(), e -> {
            RuleSetCodec.logSource(out, e.rule());
            out.list(e.targets(), t -> target(out, t));
        });
        out.text(m.eventIdField());
        out.list(List.copyOf(m.named()), s -> RuleSetCodec.logSource(out, s));
        out.texts(m.rawRendersFields().stream().map(FormatId::id).sorted().toList());
        out.texts(m.dispatchFields());
        return out.bytes();
    }

    /** The mapping; an {@link IllegalArgumentException} when the bytes are not such an encoding. */
    static LogsourceMapping decode(byte[] bytes) {
        EntryIn in = new EntryIn(bytes);
        try {
            List<LogsourceMapping.Entry> entries = in.list(() -> new LogsourceMapping.Entry(RuleSetCodec.logSource(in),
                    in.list(() -> target(in))));
            String idField = in.text();
            List<dwell.event.LogSource> named = in.list(() -> RuleSetCodec.logSource(in));
            Set<FormatId> rendering = new LinkedHashSet<>();
            for (String id : in.texts()) rendering.add(Formats.byId(id).id());
            List<String> dispatch = in.texts();
            if (in.b.hasRemaining()) throw new IllegalArgumentException("bytes after the mapping");
            return new LogsourceMapping(entries, idField, new LinkedHashSet<>(named), rendering, dispatch);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated", e);
        } catch (IndexOutOfBoundsException | NullPointerException e) {
            throw new IllegalArgumentException("not a mapping: " + e.getMessage(), e);
        }
    }

    private static void target(EntryOut out, LogsourceMapping.Target t) {
        out.nullable(t.product());
        out.nullable(t.category());
        out.nullable(t.service());
        out.nullable(t.format() == null ? null : t.format().id());
        // a set's own order differs from run to run: sorted, equal mappings encode alike
        out.texts(t.eventIds().stream().sorted().toList());
        out.map(t.fields(), out::texts);
    }

    private static LogsourceMapping.Target target(EntryIn in) {
        String product = in.nullable(), category = in.nullable(), service = in.nullable(), format = in.nullable();
        return new LogsourceMapping.Target(product, category, service, format == null ? null : Formats.byId(format).id(),
                new LinkedHashSet<>(in.texts()), in.map(in::texts));
    }
}
