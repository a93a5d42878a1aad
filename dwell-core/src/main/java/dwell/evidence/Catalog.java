package dwell.evidence;

import dwell.format.Format;
import dwell.format.FormatSniffer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Walks evidence paths: files, directories, and archive members (zip, tar, tar.gz, gz, nested), hashing
 * every item as it streams and sniffing its format. Evidence is only ever opened for reading; archive
 * members are streamed, never extracted to disk.
 */
public final class Catalog {
    private final CatalogLimits limits;
    private final int threads;

    public Catalog(CatalogLimits limits, int threads) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
    }

    /** Lists the regular files under the given paths, sorted, with display paths as given plus the relative part. */
    public static List<Path> files(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            } else {
                out.add(root);
            }
        }
        return out;
    }

    /** Visits every item under {@code roots}; problems are reported on their items and never stop the walk. */
    public void walk(List<Path> roots, ItemVisitor visitor) throws IOException {
        List<Path> files = files(roots);
        if (threads == 1 || files.size() < 2) {
            for (Path f : files) walkFile(f, visitor);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dwell-catalog");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path f : files) futures.add(pool.submit(() -> walkFile(f, visitor)));
            for (Future<?> fu : futures) {
                try {
                    fu.get();
                } catch (Exception e) {
                    throw new IOException("catalog worker failed", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Visits one file on disk (and its members, if it is an archive). */
    public void walkFile(Path file, ItemVisitor visitor) {
        String display = file.toString();
        Instant mtime = null;
        long size = -1;
        try {
            mtime = Files.getLastModifiedTime(file).toInstant();
            size = Files.size(file);
        } catch (IOException e) {
            // reported below when the open fails too
        }
        try (InputStream raw = Files.newInputStream(file, StandardOpenOption.READ)) {
            visitStream(display, size, mtime, raw, visitor, 0);
        } catch (IOException | RuntimeException e) {
            visitor.finished(new EvidenceItem(display, size, mtime, null, Format.UNKNOWN),
                    List.of("cannot read: " + reason(e)));
        }
    }

    /** Visits one item read from {@code raw}: sniffs it, reads or descends into it, hashes it. */
    private void visitStream(String path, long size, Instant mtime, InputStream raw, ItemVisitor visitor, int depth) {
        HashingInputStream hashed = new HashingInputStream(raw);
        BufferedInputStream in = new BufferedInputStream(hashed, 65536);
        List<String> problems = new ArrayList<>();
        EvidenceItem item = new EvidenceItem(path, size, mtime, null, Format.UNKNOWN);
        String sha = null;
        try {
            Format format = sniff(path, in);
            item = new EvidenceItem(path, size, mtime, null, format);
            if (format.isArchive()) {
                if (depth >= limits.maxDepth()) {
                    problems.add("archive nesting deeper than " + limits.maxDepth() + " levels: not opened");
                } else {
                    descend(path, format, in, hashed, visitor, depth + 1, problems);
                }
            } else {
                visitor.visit(item, new NonClosingInputStream(in));
            }
            sha = hashed.drainAndHash();
        } catch (IOException | RuntimeException e) {
            problems.add(reason(e));
            try {
                sha = hashed.drainAndHash();
            } catch (IOException | RuntimeException again) {
                // the stream itself is broken (truncated archive member): the hash stays unknown
            }
        }
        long counted = hashed.count();
        visitor.finished(new EvidenceItem(path, size >= 0 && sha != null ? size : counted, mtime, sha, item.format()),
                problems);
    }

    private static Format sniff(String path, BufferedInputStream in) throws IOException {
        byte[] head = new byte[FormatSniffer.HEAD_BYTES];
        in.mark(head.length + 1);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        return FormatSniffer.sniff(path, head, n);
    }

    private void descend(String path, Format format, InputStream in, HashingInputStream compressed,
                         ItemVisitor visitor, int depth, List<String> problems) throws IOException {
        ExpansionGuard guard = new ExpansionGuard(limits, compressed::count);
        switch (format) {
            case ZIP -> members(path, new ZipArchiveInputStream(in, "UTF-8", true, true), guard, visitor, depth, problems);
            case TAR -> members(path, new TarArchiveInputStream(in), guard, visitor, depth, problems);
            case GZIP -> gunzip(path, in, guard, visitor, depth, problems);
            default -> throw new IllegalArgumentException("not an archive: " + format);
        }
    }

    private void gunzip(String path, InputStream in, ExpansionGuard guard, ItemVisitor visitor, int depth,
                        List<String> problems) throws IOException {
        GzipCompressorInputStream gz = new GzipCompressorInputStream(in, true);
        BufferedInputStream plain = new BufferedInputStream(guard.guard(gz), 65536);
        byte[] head = new byte[512];
        plain.mark(head.length + 1);
        int n = plain.readNBytes(head, 0, head.length);
        plain.reset();
        if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) {
            // a .tar.gz is one archive level: its members are named directly under it
            members(path, new TarArchiveInputStream(plain), guard, visitor, depth, problems);
            return;
        }
        String name = gz.getMetaData().getFileName();
        if (name == null || name.isBlank() || !MemberName.isSafe(name)) name = MemberName.stripGz(path);
        visitMember(path + "!/" + name, -1, null, plain, visitor, depth, problems);
    }

    private void members(String path, ArchiveInputStream<? extends ArchiveEntry> archive, ExpansionGuard guard,
                         ItemVisitor visitor, int depth, List<String> problems) throws IOException {
        ArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            if (entry.isDirectory()) continue;
            String name = entry.getName();
            String memberPath = path + "!/" + name;
            Instant mtime = entry.getLastModifiedDate() == null ? null : entry.getLastModifiedDate().toInstant();
            if (!MemberName.isSafe(name)) {
                visitor.finished(new EvidenceItem(memberPath, entry.getSize(), mtime, null, Format.UNKNOWN),
                        List.of("unsafe member name (absolute or with ..): reported, not read"));
                continue;
            }
            if (!archive.canReadEntryData(entry)) {
                visitor.finished(new EvidenceItem(memberPath, entry.getSize(), mtime, null, Format.UNKNOWN),
                        List.of("member data cannot be read (unsupported compression or encryption)"));
                continue;
            }
            if (!visitMember(memberPath, entry.getSize(), mtime, guard.guard(archive), visitor, depth, problems)) {
                return;
            }
        }
    }

    /** Visits a member; returns false when the archive cannot go on (bomb limit or broken stream). */
    private boolean visitMember(String memberPath, long size, Instant mtime, InputStream member, ItemVisitor visitor,
                                int depth, List<String> archiveProblems) {
        ProblemCapture capture = new ProblemCapture(visitor);
        visitStream(memberPath, size, mtime, member, capture, depth);
        if (capture.fatal != null) {
            archiveProblems.add(memberPath + ": " + capture.fatal);
            return false;
        }
        return true;
    }

    static String reason(Throwable e) {
        if (e instanceof ExpansionGuard.BombLimitException) return e.getMessage();
        if (e instanceof java.io.EOFException) return "truncated: unexpected end of data";
        String m = e.getMessage();
        String kind = e instanceof IOException ? "read error" : "internal error (" + e.getClass().getSimpleName() + ")";
        return m == null ? kind : kind + ": " + m;
    }

    /** Forwards to the visitor and notes whether the member's own read failed in a way the archive cannot survive. */
    private static final class ProblemCapture implements ItemVisitor {
        private final ItemVisitor target;
        private String fatal;

        ProblemCapture(ItemVisitor target) {
            this.target = target;
        }

        @Override
        public void visit(EvidenceItem item, InputStream content) throws IOException {
            target.visit(item, content);
        }

        @Override
        public void finished(EvidenceItem item, List<String> problems) {
            if (item.sha256() == null && !problems.isEmpty() && fatal == null) fatal = problems.get(0);
            for (String p : problems) {
                if (p.startsWith("decompression limit") && fatal == null) fatal = p;
            }
            target.finished(item, problems);
        }
    }
}
