package dwell.spark.fs;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Files held in memory by absolute path (rule files sent from the driver); folders are the paths' ancestors. */
final class BytesStore implements Store {
    private final TreeMap<String, byte[]> files;

    BytesStore(Map<String, byte[]> files) {
        this.files = new TreeMap<>(files);
    }

    @Override
    public Entry stat(String path) throws NoSuchFileException {
        byte[] b = files.get(path);
        if (b != null) return new Entry(false, b.length, 0);
        if (!children(path).isEmpty()) return new Entry(true, 0, 0);
        throw new NoSuchFileException(path);
    }

    @Override
    public List<String> list(String path) throws NoSuchFileException {
        stat(path);
        return new ArrayList<>(children(path));
    }

    private TreeSet<String> children(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        TreeSet<String> names = new TreeSet<>();
        for (String f : files.tailMap(prefix).keySet()) {
            if (!f.startsWith(prefix)) break;
            String rest = f.substring(prefix.length());
            names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        }
        return names;
    }

    private byte[] file(String path) throws NoSuchFileException {
        byte[] b = files.get(path);
        if (b == null) throw new NoSuchFileException(path);
        return b;
    }

    @Override
    public InputStream open(String path) throws NoSuchFileException {
        return new ByteArrayInputStream(file(path));
    }

    @Override
    public SeekableByteChannel channel(String path) throws NoSuchFileException {
        return new SeekableInMemoryByteChannel(file(path));
    }
}
