package dwell.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A one-datanode HDFS on 127.0.0.1 (Hadoop's MiniDFSCluster) that evidence is uploaded to as {@code hdfs dfs -put -p} would. */
final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    MiniHdfs(Path folder) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, folder.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    /** {@code hdfs://127.0.0.1:PORT}. */
    String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    FileSystem fs() throws IOException {
        return cluster.getFileSystem();
    }

    /** Copies a local file or tree to {@code to} (an absolute HDFS path), keeping every file's modification time. */
    void put(Path from, String to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        FileSystem fs = fs();
        for (Path f : files) {
            String rel = from.relativize(f).toString();
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(rel.isEmpty() ? to : to + "/" + rel);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()), target);
            fs.setTimes(target, Files.getLastModifiedTime(f).toMillis(), -1);
        }
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
