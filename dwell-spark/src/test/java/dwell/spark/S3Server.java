package dwell.spark;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import dwell.cli.Dwell;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real S3 server on 127.0.0.1 for the tests: S3Proxy (the self-contained jar the build copies to target/s3proxy) in a
 * JVM of its own, objects in memory, requests signed with one key pair (AWS signature v2 or v4, as S3A signs them).
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "dwell-test";
    static final String SECRET_KEY = "dwell-test-secret";

    private final Process process;
    private final int port;
    private final AmazonS3 client;

    S3Server(Path folder) throws IOException, InterruptedException {
        Path jar = Dwell.root().resolve("dwell-spark/target/s3proxy/s3proxy-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is copied by mvn verify (pre-integration-test)");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(folder);
        Path properties = folder.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n", "s3proxy.endpoint=" + endpoint(), "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=transient", "") );
        process = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
        awaitPort(folder.resolve("s3proxy.log"));
        client = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint(), "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY))).build();
    }

    private void awaitPort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("S3Proxy stopped: " + Files.readString(log));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("S3Proxy did not listen on " + port + " within 2 minutes: " + Files.readString(log));
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The JVM properties with which ./dwell -\-spark reaches this server as S3A (Spark hands spark.hadoop.* to Hadoop). */
    String sparkOptions(String secretKey) {
        return String.join(" ", "-Xmx1g", "-Dspark.hadoop.fs.s3a.endpoint=" + endpoint(),
                "-Dspark.hadoop.fs.s3a.path.style.access=true", "-Dspark.hadoop.fs.s3a.connection.ssl.enabled=false",
                "-Dspark.hadoop.fs.s3a.access.key=" + ACCESS_KEY, "-Dspark.hadoop.fs.s3a.secret.key=" + secretKey,
                // a failing request is said at once, not retried for minutes
                "-Dspark.hadoop.fs.s3a.attempts.maximum=1", "-Dspark.hadoop.fs.s3a.retry.limit=1");
    }

    void createBucket(String bucket) {
        client.createBucket(bucket);
    }

    /**
     * Uploads a local tree's files under {@code prefix} of the bucket, then gives each local file the modification time
     * S3 reports for its object (the upload's, to the second): a finding's time can be an item's, and the local scan
     * compared with the S3 one must see the same.
     */
    void put(Path from, String bucket, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String key = prefix + "/" + from.relativize(f).toString().replace('\\', '/');
            client.putObject(bucket, key, f.toFile());
            long modified = client.getObjectMetadata(bucket, key).getLastModified().getTime();
            Files.setLastModifiedTime(f, FileTime.fromMillis(modified));
        }
    }

    @Override
    public void close() throws InterruptedException {
        client.shutdown();
        process.destroy();
        process.waitFor();
    }
}
