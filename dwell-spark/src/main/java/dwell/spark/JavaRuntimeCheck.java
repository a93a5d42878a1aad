package dwell.spark;

import java.security.AccessController;
import javax.security.auth.Subject;

/** Refuses, before Spark starts, a Java runtime on which Spark's Hadoop client cannot run, saying what to use instead. */
final class JavaRuntimeCheck {
    private JavaRuntimeCheck() {
    }

    /** Throws when this runtime refuses the call Hadoop's login makes at every Spark start. */
    static void require() {
        require(JavaRuntimeCheck::hadoopsCall);
    }

    /**
     * {@link #require()} with the call to try: Hadoop 3.3's {@code UserGroupInformation} asks
     * {@code Subject.getSubject}, which Java 23 and newer refuse (JEP 486); Spark then fails with a bare
     * "getSubject is not supported", which tells a user nothing about the runtime.
     */
    static void require(Runnable call) {
        try {
            call.run();
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("this Java runtime (" + Runtime.version() + ") cannot run Spark 3.5: its Hadoop "
                    + "client calls Subject.getSubject, which Java 23 and newer refuse; run the Spark scan with Java 17 or 21 "
                    + "(first on PATH for ./dwell; JAVA_HOME for spark-submit)", e);
        }
    }

    @SuppressWarnings("removal")
    private static void hadoopsCall() {
        Subject.getSubject(AccessController.getContext());
    }
}
