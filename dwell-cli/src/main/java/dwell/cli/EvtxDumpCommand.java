package dwell.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dwell.evidence.Catalog;
import dwell.evidence.EvidenceItem;
import dwell.evidence.ItemVisitor;
import dwell.format.Format;
import dwell.format.FormatSniffer;
import dwell.format.evtx.ChunkResult;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxStream;
import dwell.format.evtx.Problem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell evtx dump: every record of EVTX files (walked directories and archives too) as JSON lines or XML. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Prints every record of EVTX files as JSON lines or as XML; problems go to stderr.")
public final class EvtxDumpCommand implements Callable<Integer> {
    /** Output shapes of the dump. */
    enum DumpFormat { jsonl, xml }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "EVTX files, directories or archives.")
    List<Path> paths;

    @Option(names = "--format", description = "jsonl or xml (default: ${DEFAULT-VALUE}).", defaultValue = "jsonl")
    DumpFormat format;

    @Option(names = "--threads", description = "Chunks parsed at once (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws IOException {
        List<Path> files = Paths.existing(paths);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator json = new JsonFactory().setRootValueSeparator("").createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        EvtxStream stream = new EvtxStream(threads);
        Catalog archives = new Catalog(limits.limits(), 1);
        ItemVisitor members = new ItemVisitor() {
            @Override
            public void visit(EvidenceItem item, InputStream content) throws IOException {
                if (item.format() != Format.EVTX) return;
                stream.read(item.path(), content, chunk -> write(item.path(), chunk, out, json));
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
                for (String p : problems) System.err.println("dwell: " + item.path() + ": " + p);
            }
        };
        for (Path f : Catalog.files(files)) {
            // a dump needs no hashes: plain files are streamed straight, archives go through the catalog
            Format kind = sniff(f);
            if (kind == Format.EVTX) {
                try (InputStream in = Files.newInputStream(f)) {
                    stream.read(f.toString(), in, chunk -> write(f.toString(), chunk, out, json));
                } catch (IOException e) {
                    System.err.println("dwell: " + f + ": cannot read: " + e.getMessage());
                }
            } else if (kind != null && kind.isArchive()) {
                archives.walkFile(f, members);
            } else if (kind != null && files.contains(f)) {
                // named on the command line, so worth a word; files met walking a directory are skipped quietly
                System.err.println("dwell: " + f + ": not an EVTX file (" + kind.id() + "): skipped");
            }
        }
        json.flush();
        out.flush();
        return 0;
    }

    /** The format of a file from its first bytes, or null when it cannot be read. */
    private static Format sniff(Path f) {
        byte[] head = new byte[FormatSniffer.HEAD_BYTES];
        try (InputStream in = Files.newInputStream(f)) {
            int n = in.readNBytes(head, 0, head.length);
            return FormatSniffer.sniff(f.toString(), head, n);
        } catch (IOException e) {
            System.err.println("dwell: " + f + ": cannot read: " + e.getMessage());
            return null;
        }
    }

    private void write(String file, ChunkResult chunk, Writer out, JsonGenerator json) {
        try {
            for (Problem p : chunk.problems()) System.err.println("dwell: " + file + ": " + p.reason());
            for (EvtxEvent e : chunk.events()) {
                if (format == DumpFormat.xml) {
                    out.write(e.xml());
                    out.write('\n');
                } else {
                    jsonLine(file, e, json);
                    json.flush();
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jsonLine(String file, EvtxEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", file);
        g.writeNumberField("record_id", e.recordId());
        g.writeStringField("timestamp", timestamp(e.time()));
        numberOrString(g, "event_id", e.eventId());
        g.writeStringField("channel", e.channel());
        g.writeStringField("provider", e.provider());
        g.writeStringField("computer", e.computer());
        numberOrString(g, "level", e.level());
        g.writeObjectFieldStart("fields");
        for (Map.Entry<String, String> f : e.fields().entrySet()) g.writeStringField(f.getKey(), f.getValue());
        g.writeEndObject();
        g.writeBooleanField("recovered", e.recovered());
        g.writeEndObject();
    }

    /** ISO-8601 UTC keeping FILETIME's 100 ns: always seven fraction digits. */
    static String timestamp(Instant t) {
        if (t == null) return null;
        String s = t.truncatedTo(ChronoUnit.SECONDS).toString();
        return s.substring(0, s.length() - 1) + String.format(".%07dZ", t.getNano() / 100);
    }

    private static void numberOrString(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit)) {
            g.writeNumberField(name, Long.parseLong(value));
        } else {
            g.writeStringField(name, value);
        }
    }
}
