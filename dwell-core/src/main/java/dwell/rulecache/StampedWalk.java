package dwell.rulecache;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rule files named directly or found under folders (links followed, each folder's sorted by path), stamped
 * ({@link RuleFileStamps}) from the one {@code stat} the walk makes of each: a walk's look at a file and a stamp's
 * second look were 4,800 {@code stat} calls for SigmaHQ's 2,407 Windows rules. Without a {@code unix} attribute view
 * (not a Unix file system) the folders are walked as {@link Files#walkFileTree} does and nothing is stamped.
 */
public final class StampedWalk {
    private static final String ATTRIBUTES = RuleFileStamps.ATTRIBUTES + ",mode";
    /** {@code st_mode}'s file type bits and two of their values. */
    private static final int TYPE = 0170000, DIRECTORY = 0040000, REGULAR = 0100000;

    private record Found(Path file, RuleFileStamps.Stamp stamp) implements Comparable<Found> {
        @Override
        public int compareTo(Found o) {
            return file.compareTo(o.file);
        }
    }

    /** The time stamps' ages are measured at ({@link RuleFileStamps#SETTLED}): the walk's start. */
    private final long now;
    private final List<Found> found = new ArrayList<>();
    /** False once a file has no stamp that can be trusted. */
    private boolean stamped = true;

    /** A walk whose stamps are trusted when settled now. */
    public StampedWalk() {
        this(RuleFileStamps.now());
    }

    StampedWalk(long now) {
        this.now = now;
    }

    /** Adds a file named directly (whatever its name). */
    public void file(Path file) {
        RuleFileStamps.Stamp s = null;
        try {
            s = RuleFileStamps.stamp(file, Files.readAttributes(file, RuleFileStamps.ATTRIBUTES));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not stamped: the rules are then found by their bytes
        }
        add(found, file, s);
    }

    private void add(List<Found> to, Path file, RuleFileStamps.Stamp s) {
        if (s == null || !RuleFileStamps.settled(s, now)) stamped = false;
        to.add(new Found(file, s));
    }

    /**
     * Adds the regular files under {@code dir} that {@code wanted} accepts, sorted by path. As {@link Files#walkFileTree}
     * with links followed: a link to nothing is passed over, a link back to a folder above is a
     * {@link FileSystemLoopException}, and a folder or file that cannot be looked at fails the walk.
     */
    public void folder(Path dir, Predicate<Path> wanted) throws IOException {
        List<Found> here = new ArrayList<>();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            visit(dir, Files.readAttributes(dir, ATTRIBUTES), wanted, new ArrayList<>(), here);
        } else {
            stamped = false;
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && wanted.test(file)) here.add(new Found(file, null));
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        here.sort(null);
        found.addAll(here);
    }

    private void visit(Path dir, Map<String, Object> attrs, Predicate<Path> wanted, List<Object> above, List<Found> out)
            throws IOException {
        Object key = List.of(attrs.get("dev"), attrs.get("ino"));
        if (above.contains(key)) throw new FileSystemLoopException(dir.toString());
        above.add(key);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Map<String, Object> a;
                try {
                    a = Files.readAttributes(e, ATTRIBUTES);
                } catch (IOException notFollowed) {
                    // a link to nothing (or to what cannot be looked at) is passed over as the link itself, which is
                    // neither a folder nor a regular file; an entry that cannot be looked at at all fails the walk
                    Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    continue;
                }
                int type = a.get("mode") instanceof Integer mode ? mode & TYPE : 0;
                if (type == DIRECTORY) {
                    visit(e, a, wanted, above, out);
                } else if (type == REGULAR && wanted.test(e)) {
                    add(out, e, RuleFileStamps.stamp(e, a));
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        above.remove(above.size() - 1);
    }

    /** The files, in the order added. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>(found.size());
        for (Found f : found) out.add(f.file());
        return out;
    }

    /** The files' stamps, in the same order, when every file has one that can be trusted. */
    public Optional<RuleFileStamps> stamps() {
        if (!stamped) return Optional.empty();
        List<RuleFileStamps.Stamp> out = new ArrayList<>(found.size());
        for (Found f : found) out.add(f.stamp());
        return Optional.of(new RuleFileStamps(List.copyOf(out)));
    }
}
