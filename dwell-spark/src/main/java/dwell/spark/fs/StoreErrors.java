package dwell.spark.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** A store client's failure in the words a user acts on, where the client's own text is a service's raw reply. */
final class StoreErrors {
    private StoreErrors() {
    }

    /**
     * S3A's missing bucket becomes "the bucket does not exist" naming the path; any other failure is kept as it is.
     * Matched by class name: hadoop-aws is only on the class path of runs that read {@code s3a://}.
     */
    static IOException translated(IOException e, String shown) {
        if (e.getClass().getSimpleName().equals("UnknownStoreException")) {
            FileSystemException f = new FileSystemException(shown, null, "the bucket does not exist");
            f.initCause(e);
            return f;
        }
        return e;
    }
}
