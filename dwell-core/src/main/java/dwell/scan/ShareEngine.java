package dwell.scan;

/** A distributed engine for a scan's shares (Spark), which a front end finds with {@link java.util.ServiceLoader}. */
public interface ShareEngine {
    /** Connects to {@code master} (local[N], spark://HOST:PORT...) to hunt shares of {@code request}'s evidence. */
    ShareRunner open(String master, ScanRequest request);
}
