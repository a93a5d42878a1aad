package dwell.spark.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A Hadoop file system (HDFS, S3A, the local one) as a {@link Store}: every read streams through Hadoop's client. */
final class HadoopStore implements Store {
    private final FileSystem fs;
    private final String scheme;
    private final String authority;

    HadoopStore(FileSystem fs, String scheme, String authority) {
        this.fs = fs;
        this.scheme = scheme;
        this.authority = authority;
    }

    private Path hadoop(String path) throws IOException {
        try {
            return new Path(new URI(scheme, authority.isEmpty() ? null : authority, path, null, null));
        } catch (URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private String shown(String path) {
        return scheme + "://" + authority + path;
    }

    @Override
    public Entry stat(String path) throws IOException {
        try {
            FileStatus s = fs.getFileStatus(hadoop(path));
            return new Entry(s.isDirectory(), s.isDirectory() ? 0 : s.getLen(), s.getModificationTime());
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(shown(path));
        } catch (IOException e) {
            throw StoreErrors.translated(e, shown(path));
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(hadoop(path))) names.add(s.getPath().getName());
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(shown(path));
        } catch (IOException e) {
            throw StoreErrors.translated(e, shown(path));
        }
        return names;
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return fs.open(hadoop(path));
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(shown(path));
        } catch (IOException e) {
            throw StoreErrors.translated(e, shown(path));
        }
    }

    @Override
    public SeekableByteChannel channel(String path) throws IOException {
        long size = stat(path).size();
        return new HadoopChannel(fs.open(hadoop(path)), size);
    }
}
