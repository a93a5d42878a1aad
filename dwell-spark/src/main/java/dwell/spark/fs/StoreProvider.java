package dwell.spark.fs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider of every {@link StoreFileSystem}: reads only. Evidence is never written to, so every call that would
 * change a store throws {@link ReadOnlyFileSystemException}. It is not installed: paths are made by {@link HadoopEvidence}.
 */
final class StoreProvider extends java.nio.file.spi.FileSystemProvider {
    static final StoreProvider INSTANCE = new StoreProvider();

    private StoreProvider() {
    }

    private static StorePath path(Path p) {
        if (!(p instanceof StorePath s)) throw new ProviderMismatchException();
        return s;
    }

    private static Store store(Path p) {
        return path(p).getFileSystem().store();
    }

    @Override
    public String getScheme() {
        return "dwell-store";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("store file systems are made by dwell, not by URI");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("store file systems are made by dwell, not by URI");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("store paths are made by dwell, not by URI");
    }

    @Override
    public InputStream newInputStream(Path p, OpenOption... options) throws IOException {
        for (OpenOption o : options) if (o != StandardOpenOption.READ) throw new ReadOnlyFileSystemException();
        return store(p).open(path(p).storePath());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path p, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        for (OpenOption o : options) if (o != StandardOpenOption.READ) throw new ReadOnlyFileSystemException();
        return store(p).channel(path(p).storePath());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        StorePath d = path(dir);
        if (!store(d).stat(d.storePath()).directory()) throw new NotDirectoryException(d.toString());
        List<Path> children = new ArrayList<>();
        for (String name : store(d).list(d.storePath())) {
            Path child = d.resolve(d.getFileSystem().getPath(name));
            if (filter.accept(child)) children.add(child);
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return children.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path p) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public boolean isSameFile(Path a, Path b) {
        return a.equals(b);
    }

    @Override
    public boolean isHidden(Path p) {
        return false;
    }

    @Override
    public FileStore getFileStore(Path p) {
        throw new UnsupportedOperationException("no file store on " + p);
    }

    @Override
    public void checkAccess(Path p, AccessMode... modes) throws IOException {
        store(p).stat(path(p).storePath());
        for (AccessMode m : modes) {
            if (m != AccessMode.READ) throw new java.nio.file.AccessDeniedException(p.toString(), null, "read-only");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path p, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) return null;
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return StoreProvider.this.readAttributes(p, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime modified, FileTime access, FileTime create) {
                throw new ReadOnlyFileSystemException();
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path p, Class<A> type, LinkOption... options) throws IOException {
        if (!type.isAssignableFrom(StoreAttributes.class)) throw new UnsupportedOperationException(type + " on " + p);
        return (A) new StoreAttributes(store(p).stat(path(p).storePath()));
    }

    @Override
    public Map<String, Object> readAttributes(Path p, String attributes, LinkOption... options) throws IOException {
        BasicFileAttributes a = readAttributes(p, BasicFileAttributes.class);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lastModifiedTime", a.lastModifiedTime());
        all.put("lastAccessTime", a.lastAccessTime());
        all.put("creationTime", a.creationTime());
        all.put("size", a.size());
        all.put("isRegularFile", a.isRegularFile());
        all.put("isDirectory", a.isDirectory());
        all.put("isSymbolicLink", false);
        all.put("isOther", false);
        all.put("fileKey", null);
        String names = attributes.startsWith("basic:") ? attributes.substring(6) : attributes;
        if (names.equals("*")) return all;
        Map<String, Object> asked = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (!all.containsKey(n)) throw new IllegalArgumentException("no attribute " + n);
            asked.put(n, all.get(n));
        }
        return asked;
    }

    @Override
    public void setAttribute(Path p, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }
}
