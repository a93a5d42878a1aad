package dwell.spark.fs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path of a {@link StoreFileSystem}: {@code /}-separated names, absolute ones shown with the file system's prefix
 * ({@code hdfs://host:port/a/b}), so that its string is the URI the user gave plus the relative part, as a local path's is.
 */
final class StorePath implements Path {
    private final StoreFileSystem fs;
    /** Absolute ({@code /a/b}, {@code /}) or relative ({@code a/b}, empty); no empty name, no trailing slash. */
    private final String path;

    StorePath(StoreFileSystem fs, String path) {
        this.fs = fs;
        this.path = clean(path);
    }

    private static String clean(String p) {
        String s = p.replaceAll("/{2,}", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The path within the store ({@code /a/b}). */
    String storePath() {
        return isAbsolute() ? path : "/" + path;
    }

    private List<String> names() {
        String s = isAbsolute() ? path.substring(1) : path;
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("/"));
    }

    private StorePath of(List<String> names, boolean absolute) {
        return new StorePath(fs, (absolute ? "/" : "") + String.join("/", names));
    }

    private StorePath check(Path other) {
        if (!(other instanceof StorePath p) || p.fs != fs) throw new ProviderMismatchException();
        return p;
    }

    @Override
    public StoreFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public Path getRoot() {
        return isAbsolute() ? new StorePath(fs, "/") : null;
    }

    @Override
    public Path getFileName() {
        List<String> n = names();
        return n.isEmpty() ? null : new StorePath(fs, n.get(n.size() - 1));
    }

    @Override
    public Path getParent() {
        List<String> n = names();
        if (n.isEmpty() || n.size() == 1 && !isAbsolute()) return null;
        return of(n.subList(0, n.size() - 1), isAbsolute());
    }

    @Override
    public int getNameCount() {
        return names().size();
    }

    @Override
    public Path getName(int index) {
        return new StorePath(fs, names().get(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return of(names().subList(beginIndex, endIndex), false);
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof StorePath p) || p.fs != fs || p.isAbsolute() != isAbsolute()) return false;
        List<String> mine = names();
        List<String> theirs = p.names();
        return theirs.size() <= mine.size() && mine.subList(0, theirs.size()).equals(theirs);
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof StorePath p) || p.fs != fs) return false;
        if (p.isAbsolute()) return equals(p);
        List<String> mine = names();
        List<String> theirs = p.names();
        return theirs.size() <= mine.size() && mine.subList(mine.size() - theirs.size(), mine.size()).equals(theirs);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            if (n.equals(".")) continue;
            if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(n.equals("..") && isAbsolute())) {
                out.add(n);
            }
        }
        return of(out, isAbsolute());
    }

    @Override
    public Path resolve(Path other) {
        StorePath p = check(other);
        if (p.isAbsolute()) return p;
        if (p.path.isEmpty()) return this;
        if (path.isEmpty()) return p;
        return new StorePath(fs, path + "/" + p.path);
    }

    @Override
    public Path relativize(Path other) {
        StorePath p = check(other);
        if (p.isAbsolute() != isAbsolute()) throw new IllegalArgumentException("one path is absolute, the other not: " + this + ", " + p);
        List<String> mine = names();
        List<String> theirs = p.names();
        int common = 0;
        while (common < mine.size() && common < theirs.size() && mine.get(common).equals(theirs.get(common))) common++;
        List<String> out = new ArrayList<>();
        for (int i = common; i < mine.size(); i++) out.add("..");
        out.addAll(theirs.subList(common, theirs.size()));
        return of(out, false);
    }

    @Override
    public URI toUri() {
        return fs.uri(storePath());
    }

    @Override
    public Path toAbsolutePath() {
        return isAbsolute() ? this : new StorePath(fs, "/" + path);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        Path real = toAbsolutePath().normalize();
        fs.provider().checkAccess(real);
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a store is not watched");
    }

    /** Byte order of the UTF-8 names, as the JVM orders local paths, so a store lists a folder in the order a disk does. */
    @Override
    public int compareTo(Path other) {
        return Arrays.compareUnsigned(toString().getBytes(StandardCharsets.UTF_8), check(other).toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorePath p && p.fs == fs && p.path.equals(path);
    }

    @Override
    public int hashCode() {
        return fs.hashCode() * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return isAbsolute() ? fs.prefix() + path : path;
    }
}
