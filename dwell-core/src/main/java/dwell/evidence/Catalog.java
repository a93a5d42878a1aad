package dwell.evidence;

import dwell.event.FormatId;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.evtx.EvtxLog;
import dwell.formats.Formats;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Walks evidence paths: files, directories, and archive members (zip, tar, tar.gz, gz, nested), hashing
 * every item as it streams and sniffing its format. Evidence is only ever opened for reading; archive
 * members are streamed, never extracted to disk.
 */
public final class Catalog {
    private final CatalogLimits limits;
    private final int threads;
    private final Progress progress;
    /** Where items' SHA-256 comes from; null when items are only counted. */
    private final ItemDigests digests;
    private final BooleanSupplier stop;

    public Catalog(CatalogLimits limits, int threads) {
        this(limits, threads, Progress.NONE);
    }

    /** A catalog that tells {@code progress} the files it plans and the bytes it reads. */
    public Catalog(CatalogLimits limits, int threads, Progress progress) {
        this(limits, threads, progress, ItemDigests.JDK, () -> false);
    }

    private Catalog(CatalogLimits limits, int threads, Progress progress, ItemDigests digests, BooleanSupplier stop) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.digests = digests;
        this.stop = stop;
    }

    /**
     * This catalog reading items without their SHA-256 (the items it gives have none): for reading events back after
     * a pass that recorded the digests (the pivot's reading back hashed every item again, on C1 without the JIT's
     * SHA-256 intrinsic, on the main thread while the second core idled).
     */
    public Catalog withoutDigests() {
        return new Catalog(limits, threads, progress, null, stop);
    }

    /**
     * This catalog giving up its walk once {@code stop} is true: the files not yet begun are left unvisited (for a
     * hunt that began reading while its rules compiled, and whose rules then failed to compile: its outcome is thrown
     * away, and reading the rest of the evidence would only delay the error).
     */
    public Catalog until(BooleanSupplier stop) {
        return new Catalog(limits, threads, progress, digests, stop);
    }

    /**
     * A file to read and its size as listed (0 when unknown), or a path the directory walk could not enter (reported as
     * an item with its reason).
     */
    private record Listed(Path path, String failure, long size) {
        Listed(Path path, String failure) {
            this(path, failure, 0);
        }
    }

    /** Lists the regular files under the given paths, each root's files sorted, display paths as given plus the relative part. */
    public static List<Path> files(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Listed l : list(roots, new ArrayList<>())) {
            if (l.failure() == null) out.add(l.path());
        }
        return out;
    }

    /** What a walk of the given paths would report without reading a file: folders of dwell's output, paths it cannot list. */
    public static ListingGaps gaps(List<Path> roots) throws IOException {
        List<Path> outputFolders = new ArrayList<>();
        List<UnlistedPath> unlisted = new ArrayList<>();
        for (Listed l : list(roots, outputFolders)) {
            if (l.failure() != null) unlisted.add(new UnlistedPath(l.path(), l.failure()));
        }
        return new ListingGaps(outputFolders, unlisted);
    }

    private static List<Listed> list(List<Path> roots, List<Path> outputFolders) throws IOException {
        List<Listed> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                out.add(new Listed(root, null, sizeOf(root)));
                continue;
            }
            List<Listed> found = new ArrayList<>();
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!OutputFolder.isMarked(dir)) return FileVisitResult.CONTINUE;
                    outputFolders.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(new Listed(file, null, attrs.size()));
                    } else if (attrs.isSymbolicLink()) {
                        found.add(new Listed(file, "cannot read: broken symbolic link"));
                    }
                    // devices, sockets and pipes are not evidence files: reading one could block forever
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(new Listed(file, "cannot read: " + reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
            found.sort(Comparator.comparing(Listed::path));
            out.addAll(found);
        }
        // a file reached twice (overlapping roots, a path given twice) is read once, under its first name
        Set<Path> seen = new HashSet<>();
        out.removeIf(l -> !seen.add(l.path().toAbsolutePath().normalize()));
        return out;
    }

    /**
     * Visits every item under {@code roots}; problems are reported on their items and never stop the walk. Returns
     * the folders not read because they hold dwell's own output ({@link OutputFolder}).
     */
    public List<Path> walk(List<Path> roots, ItemVisitor visitor) throws IOException {
        List<Path> outputFolders = new ArrayList<>();
        List<Listed> files = list(roots, outputFolders);
        long bytes = size(files);
        if (progress != Progress.NONE) progress.planned(files.size(), bytes);
        Catalog sized = digests == null ? this
                : new Catalog(limits, threads, progress, ItemDigests.forEvidence(bytes), stop);
        sized.read(files, visitor);
        return outputFolders;
    }

    /** Visits the listed files, on this catalog's threads. */
    private void read(List<Listed> files, ItemVisitor visitor) throws IOException {
        if (threads == 1 || files.size() < 2) {
            for (Listed f : files) walkListed(f, visitor);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dwell-catalog");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Listed f : files) futures.add(pool.submit(() -> walkListed(f, visitor)));
            for (Future<?> fu : futures) {
                try {
                    fu.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("catalog walk interrupted", e);
                } catch (Exception e) {
                    throw new IOException("catalog worker failed", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void walkListed(Listed l, ItemVisitor visitor) {
        if (stop.getAsBoolean()) return;
        if (l.failure() == null) {
            walkFile(l.path(), visitor);
        } else {
            visitor.finished(new UnlistedPath(l.path(), l.failure()).item(), List.of(l.failure()));
        }
        progress.fileDone();
    }

    /** The listed files' size in all; a file that could not be measured counts 0. */
    private static long size(List<Listed> files) {
        long total = 0;
        for (Listed l : files) total += l.size();
        return total;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // reported when the walk opens it
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
        try (InputStream raw = counted(Files.newInputStream(file, StandardOpenOption.READ))) {
            visitStream(display, size, mtime, raw, visitor, 0, null, file);
        } catch (IOException | RuntimeException e) {
            visitor.finished(new EvidenceItem(display, size, mtime, null, FormatId.UNKNOWN),
                    List.of("cannot read: " + reason(e)));
        }
    }

    /** A file's bytes, each read told to the progress display (the stream as it is when nobody watches). */
    private InputStream counted(InputStream raw) {
        if (progress == Progress.NONE) return raw;
        return new java.io.FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) progress.read(1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) progress.read(n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long k = super.skip(n);
                if (k > 0) progress.read(k);
                return k;
            }
        };
    }

    /**
     * Visits one item read from {@code raw}: sniffs it, reads or descends into it, hashes it.
     * {@code guard} is the decompression budget of the archive file on disk that holds it (null at the top);
     * {@code onDisk} is the file itself when the item is one (null for members), which a zip is read through.
     */
    private void visitStream(String path, long size, Instant mtime, InputStream raw, ItemVisitor visitor, int depth,
                             ExpansionGuard guard, Path onDisk) {
        HashingInputStream hashed = new HashingInputStream(raw, digests);
        LentBufferStream in = new LentBufferStream(hashed);
        List<String> problems = new ArrayList<>();
        FormatId format = FormatId.UNKNOWN;
        String sha = null;
        try {
            format = sniff(path, in);
            EvidenceItem item = new EvidenceItem(path, size, mtime, null, format);
            Archive archive = Archive.of(format);
            if (archive != null) {
                if (depth >= limits.maxDepth()) {
                    problems.add("archive nesting deeper than " + limits.maxDepth() + " levels: not opened");
                } else {
                    if (archive != Archive.ZIP || onDisk == null
                            || !zipOnDisk(path, onDisk, size, visitor, depth + 1, problems)) {
                        ExpansionGuard budget = guard != null ? guard : new ExpansionGuard(limits, hashed::count);
                        descend(path, archive, in, visitor, depth + 1, budget, problems);
                    }
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
                // the stream itself is broken (truncated or over a limit): the hash stays unknown
            }
        } finally {
            in.giveBack();
        }
        long counted = hashed.count();
        if (sha != null && counted == 0) problems.add("empty: no bytes");
        long finalSize = sha != null ? counted : size;
        visitor.finished(new EvidenceItem(path, finalSize, mtime, sha, format), problems);
    }

    /** The head a catalog thread sniffs items in: sniffing keeps nothing of it, and 8 KB per item added up. */
    private static final ThreadLocal<byte[]> HEAD = ThreadLocal.withInitial(() -> new byte[Head.BYTES]);

    private static FormatId sniff(String path, BufferedInputStream in) throws IOException {
        byte[] head = HEAD.get();
        in.mark(head.length + 1);
        int n = 0;
        try {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) >= 0; ) n += r;
        } catch (IOException e) {
            // a stream that breaks early (a truncated .gz) is sniffed on what it gave; the read reports the break
        }
        in.reset();
        return sniff(path, head, n);
    }

    /** The format of a file on disk, from its first bytes (see {@link #sniff(String, byte[], int)}). */
    public static FormatId sniff(Path file) throws IOException {
        byte[] head = new byte[Head.BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            return sniff(file.toString(), head, in.readNBytes(head, 0, head.length));
        }
    }

    /**
     * The format of an item from its first {@code len} bytes (up to {@link Head#BYTES}): an archive, else the log
     * format claiming it, else unknown.
     */
    public static FormatId sniff(String path, byte[] head, int len) {
        FormatId magic = archiveOrEvtx(head, len);
        if (magic != null) return magic;
        LogFormat format = Formats.sniff(path, head, len);
        return format != null ? format.id() : FormatId.UNKNOWN;
    }

    /**
     * The archive's id or EVTX's when the first {@code len} bytes start with their magic number, else null: what
     * {@link #sniff(String, byte[], int)} would say of them, without the other formats' sniffers.
     */
    public static FormatId archiveOrEvtx(byte[] head, int len) {
        Archive archive = Archive.sniff(head, len);
        if (archive != null) return archive.id();
        // EVTX's signature is a magic number, the strongest clue, of the first format listed: no other sniffer could
        // win, so an EVTX file is not decoded as text nor given to them (nor are all the formats set up for it)
        return EvtxLog.signed(head, len) ? EvtxLog.ID : null;
    }

    private void descend(String path, Archive archive, InputStream in, ItemVisitor visitor, int depth,
                         ExpansionGuard guard, List<String> problems) throws IOException {
        switch (archive) {
            case ZIP -> members(path, new ZipArchiveInputStream(in, "UTF-8", true, true), guard, true, visitor, depth,
                    problems);
            // tar is not compressed: its bytes are counted where they were expanded (the .gz or zip holding it)
            case TAR -> members(path, new TarArchiveInputStream(in), guard, false, visitor, depth, problems);
            case GZIP -> gunzip(path, in, guard, visitor, depth, problems);
        }
    }

    private void gunzip(String path, InputStream in, ExpansionGuard guard, ItemVisitor visitor, int depth,
                        List<String> problems) throws IOException {
        byte[] header = new byte[2048];
        in.mark(header.length + 1);
        int h = in.readNBytes(header, 0, header.length);
        in.reset();
        // java.util.zip hands out what it inflated before a truncation; commons-compress drops that last stretch
        GZIPInputStream gz = new GZIPInputStream(in, 65536);
        BufferedInputStream plain = new BufferedInputStream(guard.guard(gz), 65536);
        byte[] head = new byte[512];
        plain.mark(head.length + 1);
        int n;
        try {
            n = plain.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            // too short or broken to be a tar: the member reports the damage when it is read
            n = 0;
        }
        plain.reset();
        if (Archive.tar(head, n)) {
            // a .tar.gz is one archive level: its members are named directly under it
            members(path, new TarArchiveInputStream(plain), guard, false, visitor, depth, problems);
            return;
        }
        String name = GzipHeader.fileName(header, h);
        if (name == null || name.isBlank() || !MemberName.isSafe(name)) name = MemberName.stripGz(path);
        visitMember(path + "!/" + MemberName.lastSegment(name), -1, null, plain, visitor, depth, guard, problems);
    }

    /**
     * Reads a zip file on disk through its central directory, so a member that cannot be decompressed costs
     * only itself. Returns false, having read nothing, when there is no central directory to read (a truncated
     * zip): the caller then streams it.
     */
    private boolean zipOnDisk(String path, Path file, long size, ItemVisitor visitor, int depth, List<String> problems) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).setCharset(StandardCharsets.UTF_8).setUseUnicodeExtraFields(true).get();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        try (zip) {
            ExpansionGuard guard = new ExpansionGuard(limits, () -> size);
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (entry.isDirectory()) continue;
                String memberPath = path + "!/" + entry.getName();
                Instant mtime = mtime(entry);
                String refused = refusal(entry, true);
                if (refused != null) {
                    visitor.finished(new EvidenceItem(memberPath, entry.getSize(), mtime, null, FormatId.UNKNOWN), List.of(refused));
                    continue;
                }
                InputStream data;
                try {
                    data = zip.getInputStream(entry);
                } catch (IOException | RuntimeException e) {
                    visitor.finished(new EvidenceItem(memberPath, entry.getSize(), mtime, null, FormatId.UNKNOWN),
                            List.of("cannot read: " + reason(e)));
                    continue;
                }
                // a member's own damage is reported on it; the next member starts afresh from the central directory
                try (data) {
                    visitStream(memberPath, entry.getSize(), mtime, guard.guard(data), visitor, depth, guard, null);
                }
                // past a bomb limit every later member would fail the same way
                if (guard.tripped()) {
                    problems.add("stopped at " + memberPath + ": " + guard.trippedReason());
                    break;
                }
            }
        } catch (IOException e) {
            problems.add(reason(e));
        }
        return true;
    }

    private void members(String path, ArchiveInputStream<? extends ArchiveEntry> archive, ExpansionGuard guard,
                         boolean compressed, ItemVisitor visitor, int depth, List<String> problems) throws IOException {
        ArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            if (entry.isDirectory()) continue;
            String memberPath = path + "!/" + entry.getName();
            Instant mtime = mtime(entry);
            String refused = refusal(entry, archive.canReadEntryData(entry));
            if (refused != null) {
                visitor.finished(new EvidenceItem(memberPath, entry.getSize(), mtime, null, FormatId.UNKNOWN), List.of(refused));
                continue;
            }
            InputStream data = compressed ? guard.guard(archive) : new NonClosingInputStream(archive);
            if (!visitMember(memberPath, entry.getSize(), mtime, data, visitor, depth, guard, problems)) {
                return;
            }
        }
    }

    private static Instant mtime(ArchiveEntry entry) {
        return entry.getLastModifiedDate() == null ? null : entry.getLastModifiedDate().toInstant();
    }

    /** Why a member is reported without being read, or null when it is read. */
    private static String refusal(ArchiveEntry entry, boolean readerCanRead) {
        if (!MemberName.isSafe(entry.getName())) return "unsafe member name (absolute or with ..): reported, not read";
        if (entry instanceof ZipArchiveEntry zip) {
            String unreadable = ZipMemberCheck.unreadable(zip);
            if (unreadable != null) return unreadable;
        }
        return readerCanRead ? null : "member data cannot be read (unsupported compression or encryption)";
    }

    /** Visits a member; returns false when the archive cannot go on (bomb limit or broken stream). */
    private boolean visitMember(String memberPath, long size, Instant mtime, InputStream member, ItemVisitor visitor,
                                int depth, ExpansionGuard guard, List<String> archiveProblems) {
        ProblemCapture capture = new ProblemCapture(visitor);
        visitStream(memberPath, size, mtime, member, capture, depth, guard, null);
        if (capture.fatal != null) {
            archiveProblems.add("stopped at " + memberPath + ": " + capture.fatal);
            return false;
        }
        return true;
    }

    static String reason(Throwable e) {
        if (e instanceof ExpansionGuard.BombLimitException) return e.getMessage();
        if (e instanceof EOFException) return "truncated: unexpected end of data";
        if (e instanceof NoSuchFileException) return "no such file: " + e.getMessage();
        if (e instanceof AccessDeniedException) return "permission denied: " + e.getMessage();
        if (e instanceof FileSystemLoopException) return "symbolic link loop: " + e.getMessage();
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
            // a member whose bytes could not be read to the end leaves the archive stream unusable
            if (item.sha256() == null && !problems.isEmpty() && fatal == null) fatal = problems.get(problems.size() - 1);
            target.finished(item, problems);
        }
    }
}
