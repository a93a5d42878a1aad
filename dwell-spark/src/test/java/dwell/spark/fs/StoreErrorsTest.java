package dwell.spark.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class StoreErrorsTest {
    /** Stands for S3A's exception of the same name (hadoop-aws is not on the tests' class path). */
    static final class UnknownStoreException extends IOException {
        UnknownStoreException(String message) {
            super(message);
        }
    }

    @Test
    void aMissingBucketIsNamedWithoutTheServicesRawReply() {
        IOException raw = new UnknownStoreException("getFileStatus on s3a://gone/one: com.amazonaws.services.s3.model."
                + "AmazonS3Exception: The specified bucket does not exist (Service: Amazon S3; Status Code: 404; ...)");
        IOException e = StoreErrors.translated(raw, "s3a://gone/one");
        FileSystemException f = (FileSystemException) e;
        assertEquals("s3a://gone/one", f.getFile());
        assertEquals("the bucket does not exist", f.getReason());
        assertSame(raw, f.getCause(), "--debug still shows what the store said");
    }

    @Test
    void otherFailuresAreKeptAsTheyAre() {
        IOException other = new IOException("connection refused");
        assertSame(other, StoreErrors.translated(other, "s3a://held/one"));
    }
}
