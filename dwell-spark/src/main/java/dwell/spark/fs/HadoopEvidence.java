package dwell.spark.fs;

import dwell.evidence.RemoteEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Evidence on any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code file://}...), configured as Spark
 * configures Hadoop ({@code spark.hadoop.*} settings): the core finds it with {@link java.util.ServiceLoader} on the
 * driver and in every task.
 */
public final class HadoopEvidence implements RemoteEvidence {
    private static final Pattern URI_PARTS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+)://([^/]*)(.*)", Pattern.DOTALL);
    private static final Map<String, StoreFileSystem> SYSTEMS = new ConcurrentHashMap<>();

    @Override
    public Path path(String uri) {
        Matcher m = URI_PARTS.matcher(uri);
        if (!m.matches()) return null;
        String scheme = m.group(1);
        String authority = m.group(2);
        String path = m.group(3).isEmpty() ? "/" : m.group(3);
        String key = scheme + "://" + authority;
        StoreFileSystem fs = SYSTEMS.get(key);
        if (fs == null) {
            fs = open(scheme, authority);
            if (fs == null) return null;
            fs = Objects.requireNonNullElse(SYSTEMS.putIfAbsent(key, fs), fs);
        }
        return fs.path(path);
    }

    /** The file system, or null for a scheme Hadoop does not know. */
    private static StoreFileSystem open(String scheme, String authority) {
        Configuration conf = configuration();
        String shown = scheme + "://" + authority;
        try {
            FileSystem fs = FileSystem.get(URI.create(shown + "/"), conf);
            // the local file system's checksummed view hides *.crc files: evidence is listed as it lies
            if (scheme.equalsIgnoreCase("file")) fs = FileSystem.getLocal(conf).getRaw();
            return new StoreFileSystem(new HadoopStore(fs, scheme, authority), scheme, authority);
        } catch (UnsupportedFileSystemException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(shown + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a scheme Hadoop knows whose client is not on the class path (s3a:// without hadoop-aws)
            if (!(e.getCause() instanceof ClassNotFoundException)) throw e;
            throw new IllegalArgumentException(shown + ": Hadoop's client for " + scheme + ":// is not on the class path ("
                    + e.getCause().getMessage() + "; for s3a:// add org.apache.hadoop:hadoop-aws of Spark's Hadoop version)", e);
        }
    }

    /** In a task, the application's Hadoop settings; on a driver, those of the Spark settings it was started with. */
    private static Configuration configuration() {
        SparkEnv env = SparkEnv.get();
        return SparkHadoopUtil.get().newConfiguration(env != null ? env.conf() : new SparkConf());
    }
}
