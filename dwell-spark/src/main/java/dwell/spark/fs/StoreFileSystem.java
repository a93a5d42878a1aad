package dwell.spark.fs;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * A read-only file system over a {@link Store}, so that the core's catalog, readers and recall read a Hadoop file system
 * (or rules sent from the driver) through the JVM's own file API; {@code scheme} and {@code authority} make its prefix.
 */
final class StoreFileSystem extends FileSystem {
    private final Store store;
    private final String scheme;
    private final String authority;

    /** A file system whose paths show as {@code scheme://authority/path}; a null scheme shows them as bare paths. */
    StoreFileSystem(Store store, String scheme, String authority) {
        this.store = store;
        this.scheme = scheme;
        this.authority = authority;
    }

    Store store() {
        return store;
    }

    String prefix() {
        return scheme == null ? "" : scheme + "://" + authority;
    }

    URI uri(String path) {
        try {
            return new URI(scheme, authority, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The absolute path {@code path} ({@code /a/b}). */
    StorePath path(String path) {
        return new StorePath(this, path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public StoreProvider provider() {
        return StoreProvider.INSTANCE;
    }

    /** Closing lets nothing go: the Hadoop file systems are shared (Hadoop's own cache) and live as long as the JVM. */
    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(new StorePath(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String m : more) if (!m.isEmpty()) sb.append('/').append(m);
        return new StorePath(this, sb.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("no path matcher on " + prefix());
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no principals on " + prefix());
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watching on " + prefix());
    }
}
