package dwell.ioc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads indicator feeds from files and directories (walked in sorted order). The format comes from the
 * content and name: JSON holding a STIX bundle or a MISP event; LOKI/THOR files by their conventional names
 * ({@code hash}, {@code filename}, {@code c2}, {@code keyword} in the file name, as LOKI initialises them);
 * {@code .csv} files; anything else is a plain list. Problems are counted per feed, never thrown.
 */
public final class IocFeeds {
    private static final int SNIFF = 64 * 1024;

    private IocFeeds() {
    }

    /** All indicators of all feeds under {@code paths}, with per-feed statistics. */
    public static IocSet load(List<Path> paths) throws IOException {
        List<Ioc> iocs = new ArrayList<>();
        List<FeedStats> stats = new ArrayList<>();
        for (Path root : paths) {
            if (!Files.exists(root)) throw new java.nio.file.NoSuchFileException(root.toString(), null, "IOC feed not found");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (var s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).filter(f -> !isReadme(f)).sorted().forEach(files::add);
                }
            } else {
                files.add(root);
            }
            for (Path f : files) stats.add(loadFile(f, iocs::add));
        }
        return new IocSet(iocs, stats);
    }

    /** Loads one feed file, sending its indicators to {@code out}. */
    public static FeedStats loadFile(Path file, java.util.function.Consumer<Ioc> out) {
        FeedStats st = new FeedStats(file.toString(), FeedKind.PLAIN);
        FeedContext ctx = new FeedContext(file.toString(), st, out);
        try (InputStream in = Files.newInputStream(file)) {
            read(file.getFileName().toString(), in, st, ctx);
        } catch (IOException | RuntimeException e) {
            ctx.reject("file", "cannot read: " + e);
        }
        return st;
    }

    /**
     * Loads one feed from a stream (a built-in pack's resource): {@code feed} names it in statistics and
     * findings, {@code fileName} picks the format as for a file. The stream is read, not closed.
     */
    public static FeedStats loadStream(String feed, String fileName, InputStream stream, java.util.function.Consumer<Ioc> out) {
        FeedStats st = new FeedStats(feed, FeedKind.PLAIN);
        FeedContext ctx = new FeedContext(feed, st, out);
        try {
            read(fileName, stream, st, ctx);
        } catch (IOException | RuntimeException e) {
            ctx.reject("file", "cannot read: " + e);
        }
        return st;
    }

    /** Sniffs the feed's format from its name and first bytes, then reads it with that format's reader. */
    private static void read(String fileName, InputStream stream, FeedStats st, FeedContext ctx) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, SNIFF);
        in.mark(SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        FeedKind kind = detect(fileName, new String(head, StandardCharsets.UTF_8));
        st.kind(kind);
        switch (kind) {
            case STIX -> StixBundleFeed.read(in, ctx);
            case MISP -> MispEventFeed.read(in, ctx);
            case CSV -> CsvFeed.read(in, ctx);
            case PLAIN -> PlainListFeed.read(in, ctx);
            default -> LokiFeed.read(kind, in, ctx);
        }
    }

    /** The feed format of a file, from its name and first bytes. */
    public static FeedKind detect(String fileName, String head) {
        String n = fileName.toLowerCase(Locale.ROOT);
        String h = head.stripLeading();
        if (h.startsWith("{") || h.startsWith("[")) {
            if (h.contains("\"Attribute\"") || h.contains("\"Event\"") || h.contains("\"response\"")) return FeedKind.MISP;
            return FeedKind.STIX;
        }
        if (n.endsWith(".json")) return FeedKind.STIX;
        if (n.endsWith(".csv") || n.endsWith(".tsv")) return FeedKind.CSV;
        if (n.contains("filename")) return FeedKind.LOKI_FILENAME;
        if (n.contains("hash")) return FeedKind.LOKI_HASH;
        if (n.contains("c2")) return FeedKind.LOKI_C2;
        if (n.contains("keyword")) return FeedKind.LOKI_KEYWORD;
        return FeedKind.PLAIN;
    }

    private static boolean isReadme(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.startsWith("readme") || n.startsWith(".");
    }
}
