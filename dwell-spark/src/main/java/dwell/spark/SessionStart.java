package dwell.spark;

import dwell.scan.ScanInputException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session started on a thread of its own, so that the driver compiles the rules (and reads what only it hunts)
 * while Spark starts and, on a cluster, its executors register: the first use waits for it.
 */
final class SessionStart {
    private final String master;
    private final CompletableFuture<SparkSession> session;

    private SessionStart(String master, CompletableFuture<SparkSession> session) {
        this.master = master;
        this.session = session;
    }

    /** Starts a session with {@code conf} now, in the background. */
    static SessionStart of(String master, SparkConf conf) {
        return new SessionStart(master, CompletableFuture.supplyAsync(() -> SparkSession.builder().config(conf).getOrCreate(),
                task -> {
                    Thread t = new Thread(task, "dwell-spark-session-start");
                    t.setDaemon(true);
                    t.start();
                }));
    }

    /** The session, once started; a master that cannot be reached or named is the user's input error. */
    SparkSession get() {
        try {
            return session.join();
        } catch (CompletionException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            // Spark's SparkException (a bad master URL) is a checked exception Scala throws undeclared
            String message = why.getMessage() == null || why.getMessage().isBlank() ? why.getClass().getName() : why.getMessage();
            throw new ScanInputException("spark " + master, message);
        }
    }

    /** Stops the session, after its start has ended; a start that failed leaves nothing to stop. */
    void stop() {
        try {
            session.join().stop();
        } catch (CompletionException e) {
            // reported where the session was first needed; a scan that never needed it (its rules did not compile) has
            // its own error to show
        }
    }
}
