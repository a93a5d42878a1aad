package dwell.evidence;

import java.nio.file.Path;

/**
 * A file system for evidence named by a URI the JVM does not serve itself ({@code hdfs://}, {@code s3a://},
 * {@code file://} read through Hadoop), found with {@link java.util.ServiceLoader} where its engine is on the class path.
 */
public interface RemoteEvidence {
    /**
     * The path for {@code uri}, whose {@code toString()} is {@code uri} itself (the display path the outputs show), or
     * null when this file system does not serve the URI's scheme.
     */
    Path path(String uri);
}
