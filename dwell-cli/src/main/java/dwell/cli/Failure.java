package dwell.cli;

import dwell.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How an error that ends a command reaches the user: one line naming the thing and the reason, and the exit status;
 * the Java stack trace only with {@code --debug}, since analysts act on the line and developers on the trace.
 */
final class Failure {
    /** Exit status of an error that is neither the user's input nor a finding: a bug, or the machine ran out. */
    static final int EXIT_ERROR = 1;

    /** Set by the first report of an Error in a process that asked for it: a worker's and the main thread's, racing, say it once. */
    private static volatile AtomicBoolean fatalReported;

    private Failure() {
    }

    /** From now on an Error (out of memory) is reported once in this process, whichever thread meets it first. */
    static void errorsOnce() {
        fatalReported = new AtomicBoolean();
    }

    /** Prints the error and returns the exit status it means. */
    static int report(Throwable t, PrintWriter err, boolean debug) {
        Throwable cause = unwrap(t);
        int status = cause instanceof InputError || cause instanceof FileSystemException ? Main.EXIT_USAGE : EXIT_ERROR;
        AtomicBoolean once = fatalReported;
        if (cause instanceof Error && once != null && once.getAndSet(true)) return status;
        err.println("dwell: " + SafeText.visible(message(cause))
                + (debug || cause instanceof InputError ? "" : " (--debug shows the Java stack trace)"));
        if (debug) t.printStackTrace(err);
        err.flush();
        return status;
    }

    /**
     * The exception that says what went wrong: an out-of-memory error anywhere in the chain (a worker thread's comes
     * wrapped), else the first under the wrappers that only carry their cause.
     */
    private static Throwable unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) return c;
        }
        Throwable c = t;
        while ((c instanceof UncheckedIOException || c instanceof java.util.concurrent.ExecutionException
                || c.getClass() == RuntimeException.class) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Why a file could not be used, without its name (for a message that names it already). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof FileSystemException) return "cannot be used";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String message(Throwable t) {
        if (t instanceof InputError) return t.getMessage();
        if (t instanceof OutOfMemoryError) {
            return "out of memory (Java heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): give the JVM more, "
                    + "e.g. DWELL_JAVA_OPTS=-Xmx8g, or hunt less at once";
        }
        if (t instanceof FileSystemException e) return (e.getFile() == null ? "" : e.getFile() + ": ") + reason(e);
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = "unexpected error: " + t.getClass().getName();
        // a wrapper's own words ("catalog worker failed") rarely say why: the cause's do
        Throwable cause = t.getCause();
        if (cause != null && cause != t) {
            String why = message(cause);
            if (!m.contains(why)) m += ": " + why;
        }
        return m;
    }
}
