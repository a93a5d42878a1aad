package dwell.spark.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/** What a read-only {@link StoreFileSystem} reads: files and folders by absolute path ({@code /a/b}). */
interface Store {
    /** The file or folder at {@code path}; {@link java.nio.file.NoSuchFileException} when there is none. */
    Entry stat(String path) throws IOException;

    /** The names of a folder's children. */
    List<String> list(String path) throws IOException;

    InputStream open(String path) throws IOException;

    /** A file's bytes with random access (a zip's central directory is read from its end). */
    SeekableByteChannel channel(String path) throws IOException;

    /** A file or folder: its kind, size and modification time. */
    record Entry(boolean directory, long size, long modifiedMillis) {
    }
}
