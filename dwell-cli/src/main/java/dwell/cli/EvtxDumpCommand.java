package dwell.cli;

import dwell.event.FormatId;
import dwell.evidence.Archive;
import dwell.evidence.Catalog;
import dwell.evidence.EvidenceItem;
import dwell.evidence.ItemVisitor;
import dwell.format.Head;
import dwell.format.evtx.ChunkHandler;
import dwell.format.evtx.ChunkResult;
import dwell.format.evtx.EvtxEvent;
import dwell.format.evtx.EvtxLog;
import dwell.format.evtx.EvtxStream;
import dwell.format.evtx.Problem;
import dwell.format.evtx.RecoveredRecords;
import dwell.format.evtx.XmlRenderer;
import dwell.text.SafeText;
import dwell.text.Utf8Buffer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
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

    /** The --recovered choices, named as typed. */
    enum Recovered {
        none, unique, all;

        RecoveredRecords records() {
            return RecoveredRecords.valueOf(name().toUpperCase(Locale.ROOT));
        }
    }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "EVTX files, directories or archives.")
    List<Path> paths;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DumpFormat format;

    @Option(names = "--recovered", paramLabel = "WHICH", defaultValue = "unique", description = "Records carved from chunk slack space: "
            + "none, unique (not copies of a live record: default) or all.")
    Recovered recovered;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    LimitOptions limits;

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    /** The progress line, which the problems printed while it shows must not tear. */
    private ConsoleOptions.Live live;
    /** Chunks' buffers written out, for the next chunks: at most the chunks in flight are ever allocated. */
    private final Queue<Utf8Buffer> spare = new ConcurrentLinkedQueue<>();

    @Override
    public Integer call() throws IOException {
        List<Path> files = Paths.existing(paths);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        List<Path> refused = new ArrayList<>();
        Catalog archives = new Catalog(limits.limits(), 1);
        // one batch for every file: single-chunk logs (most of them) are parsed in parallel with the next ones,
        // and each chunk's output is rendered on its parsing thread; output keeps the order of the input
        try (ConsoleOptions.Live live = this.live = console.progress("evtx dump", true);
             EvtxStream.Batch batch = new EvtxStream(threads.count(), recovered.records()).batch()) {
            live.progress().stage("reading");
            ItemVisitor members = new ItemVisitor() {
                @Override
                public void visit(EvidenceItem item, InputStream content) throws IOException {
                    if (item.format() == EvtxLog.ID) batch.read(item.path(), content, new Renderer(item.path(), out));
                }

                @Override
                public void finished(EvidenceItem item, List<String> problems) {
                    for (String p : problems) problem(batch, live, item.path() + ": " + p);
                }
            };
            List<Path> all = Catalog.files(files);
            long[] sizes = new long[all.size()];
            long total = 0;
            for (int i = 0; i < sizes.length; i++) total += sizes[i] = size(all.get(i));
            live.progress().planned(all.size(), total);
            byte[] head = new byte[Head.BYTES];
            for (int i = 0; i < sizes.length; i++) {
                Path f = all.get(i);
                // a dump needs no hashes: plain files are streamed straight, opened once for their format and their
                // records (1,385 files for the corpus x5), archives go through the catalog
                FormatId kind = null;
                boolean named = files.contains(f);
                // with a second thread, each chunk is read by position on the thread that parses it (a chunk read on
                // one core and parsed on the other costs more than its read); the batch closes the file
                RandomAccessFile byPosition = threads.count() > 1 && sizes[i] > 0 ? openByPosition(f) : null;
                Closeable open = byPosition;
                boolean handed = false;
                try {
                    InputStream in = null;
                    int n;
                    if (byPosition != null) {
                        n = 0;
                        for (int r; n < head.length && (r = byPosition.read(head, n, head.length - n)) >= 0; ) n += r;
                    } else {
                        open = in = open(f);
                        n = in.readNBytes(head, 0, head.length);
                    }
                    // a file met walking a folder is dumped, opened as an archive or skipped quietly: which other
                    // format it is in matters only for a file named, whose message gives it
                    kind = named ? Catalog.sniff(f.toString(), head, n)
                            : Objects.requireNonNullElse(Catalog.archiveOrEvtx(head, n), FormatId.UNKNOWN);
                    if (kind == EvtxLog.ID && byPosition != null) {
                        handed = true;
                        batch.read(f.toString(), byPosition, new Renderer(f.toString(), out));
                    } else if (kind == EvtxLog.ID) {
                        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, n), in);
                        batch.read(f.toString(), whole, new Renderer(f.toString(), out));
                    }
                } catch (IOException e) {
                    problem(batch, live, f + ": cannot read: " + e.getMessage());
                } finally {
                    if (open != null && !handed) closeQuietly(open);
                }
                if (kind == null && named) refused.add(f);
                if (kind != null && kind != EvtxLog.ID && Archive.of(kind) != null) {
                    archives.walkFile(f, members);
                } else if (kind != null && kind != EvtxLog.ID && named) {
                    // named on the command line, so worth a word; files met walking a directory are skipped quietly
                    problem(batch, live, f + ": not an EVTX file (" + kind.id() + "): skipped");
                    refused.add(f);
                }
                // a file's bytes count once it is handed to the parsers, which may still be rendering it
                live.progress().read(sizes[i]);
                live.progress().fileDone();
            }
            batch.finish();
            live.finished();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            out.flush();
        }
        // every other file was dumped first: a bad name costs none of the good ones
        if (!refused.isEmpty()) {
            throw new InputError(refused.size() + (refused.size() == 1 ? " file named is" : " files named are")
                    + " not a readable EVTX file or archive: " + refused.get(0) + (refused.size() == 1 ? "" : ", ..."));
        }
        return 0;
    }

    /**
     * Opens a file through java.io rather than a channel (Files.newInputStream): its opening and reads run far fewer
     * Java methods, which C1 would interpret and then compile (the channel's flags, interruptible reads and temporary
     * direct buffers, and the stream below: 95 of the 5-pass dump's 986 compilations). A file it cannot open is opened
     * again through NIO, so that its problem gives the same reason as before.
     */
    static InputStream open(Path f) throws IOException {
        try {
            return new FileInputStream(f.toFile());
        } catch (FileNotFoundException e) {
            return Files.newInputStream(f);
        }
    }

    /** The file opened for reads by position, or null when it cannot be (then {@link #open} says why). */
    private static RandomAccessFile openByPosition(Path f) {
        try {
            return new RandomAccessFile(f.toFile(), "r");
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private static void closeQuietly(Closeable in) {
        try {
            in.close();
        } catch (IOException e) {
            // read to its end or failed already (reported): closing a read-only file loses nothing
        }
    }

    /** The file's size, 0 when it cannot be read (as Files.size without the attributes object; the open reports it). */
    static long size(Path f) {
        return f.toFile().length();
    }

    /** Reports a problem on stderr in its place among the chunks read before and after it. */
    private static void problem(EvtxStream.Batch batch, ConsoleOptions.Live live, String message) {
        batch.then(() -> live.note("dwell: " + SafeText.visible(message)));
    }

    /**
     * A chunk's output, rendered on its parsing thread: records for stdout (UTF-8) with where each one ends, so that
     * the records the stream leaves out can be skipped, and problems for stderr.
     */
    private record Rendered(Utf8Buffer records, int[] ends, List<String> problems) {
        void writeTo(OutputStream out, BitSet leftOut) throws IOException {
            byte[] b = records.array();
            if (leftOut.isEmpty()) {
                out.write(b, 0, records.size());
                return;
            }
            for (int i = 0; i < ends.length; i++) {
                int start = i == 0 ? 0 : ends[i - 1];
                if (!leftOut.get(i)) out.write(b, start, ends[i] - start);
            }
        }
    }

    /** Renders one file's chunks as JSON lines or XML and writes them in order. */
    private final class Renderer implements ChunkHandler<Rendered> {
        private final String file;
        private final OutputStream out;
        private final EvtxJsonLine json;

        Renderer(String file, OutputStream out) {
            this.file = file;
            this.out = out;
            this.json = format == DumpFormat.jsonl ? new EvtxJsonLine(file) : null;
        }

        @Override
        public Rendered prepare(ChunkResult chunk) {
            List<String> problems = new ArrayList<>(chunk.problems().size());
            for (Problem p : chunk.problems()) problems.add("dwell: " + SafeText.visible(file + ": " + p.reason()));
            List<EvtxEvent> events = chunk.events();
            Utf8Buffer b = buffer();
            // only recovered records are ever left out: a chunk without any needs no record boundaries
            int[] ends = anyRecovered(events) ? new int[events.size()] : null;
            // the chunk's records share their templates' names: one renderer per chunk encodes each name once
            XmlRenderer xml = json == null && !events.isEmpty() ? new XmlRenderer() : null;
            for (int i = 0; i < events.size(); i++) {
                EvtxEvent e = events.get(i);
                if (xml != null) {
                    e.writeXml(b, xml);
                    b.ascii('\n');
                } else {
                    json.append(b, e);
                }
                if (ends != null) ends[i] = b.size();
            }
            return new Rendered(b, ends, problems);
        }

        /** Whether the chunk holds a recovered record; a loop, as a stream per chunk set up its pipeline under C1. */
        private static boolean anyRecovered(List<EvtxEvent> events) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).recovered()) return true;
            }
            return false;
        }

        @Override
        public void deliver(Rendered r, BitSet leftOut) {
            for (String p : r.problems()) live.note(p);
            try {
                r.writeTo(out, leftOut);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r.records().clear();
            spare.add(r.records());
        }
    }

    /** An empty buffer for a chunk's records, one written out before if there is one. */
    private Utf8Buffer buffer() {
        Utf8Buffer b = spare.poll();
        // a chunk's records take about half its 64 KB as XML or JSON: the buffer seldom grows
        return b != null ? b : new Utf8Buffer(1 << 15);
    }
}
