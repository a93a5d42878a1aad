package dwell.yara;

/** A file's scan passed its time limit: the file has no result, the other files are scanned on. */
public final class ScanTimeoutException extends RuntimeException {
    ScanTimeoutException(long seconds) {
        super("timeout: scanning took longer than " + seconds + " s");
    }
}
