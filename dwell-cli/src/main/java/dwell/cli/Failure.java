package dwell.cli;

import dwell.text.SafeText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * How an error that ends a command reaches the user: one line naming the thing and the reason, and the exit status;
 * the Java stack trace only with {@code --debug}, since analysts act on the line and developers on the trace.
 */
final class Failure {
    /** Exit status of an error that is neither the user's input nor a finding: a bug, or the machine ran out. */
    static final int EXIT_ERROR = 1;

    /** Whether an Error is reported once in this process: a worker's and the main thread's, racing, say it once. */
    private static volatile boolean errorsOnce;
    /** Claimed by the first report of an Error; guarded by the class (an AtomicBoolean's first use allocates). */
    private static boolean fatalClaimed;
    /** Set once that first report is printed: a thread that lost the race must not end the process before it. */
    private static volatile boolean fatalPrinted;
    /** The out-of-memory line and a stream to print it, made while there is memory: when it is gone, making them may fail. */
    private static volatile byte[] outOfMemoryLine;
    private static volatile FileOutputStream stderr;
    private static volatile PrintWriter stderrWriter;

    private Failure() {
    }

    /**
     * From now on an Error (out of memory) is reported once in this process, whichever thread meets it first, and a
     * thread dying of one can report it without memory: what the report needs is made, loaded and linked here.
     */
    static void errorsOnce() {
        outOfMemoryLine = ("dwell: " + message(new OutOfMemoryError()) + " (--debug shows the Java stack trace)"
                + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        stderr = new FileOutputStream(FileDescriptor.err);
        stderrWriter = new PrintWriter(System.err, true);
        // a class or native method met first in want of memory fails to load: these are the report's
        status(unwrap(new RuntimeException()));
        try {
            stderr.write(new byte[0]);
            Thread.sleep(0);
        } catch (IOException | InterruptedException e) {
            // linked all the same
        }
        synchronized (Failure.class) {
            fatalClaimed = false;
        }
        fatalPrinted = false;
        errorsOnce = true;
    }

    /**
     * Reports the error a thread dies of and, for an Error, ends the process: the run's output would be unsound. Runs
     * on what {@link #errorsOnce} prepared, as the thread has usually died of having no memory left.
     */
    static void threadDied(Throwable t, boolean debug) {
        int status = EXIT_ERROR;
        try {
            status = report(t, stderrWriter, debug);
        } catch (Throwable again) {
            // not even a line could be printed: the exit status says it, where the JVM's note would say less
        }
        if (!(t instanceof Error)) return;
        // halt's native methods are linked at their first call, which fails while memory is short; other threads,
        // ending, free some
        for (int tries = 0; tries < 100; tries++) {
            try {
                Runtime.getRuntime().halt(status);
            } catch (Throwable again) {
                pause();
            }
        }
    }

    private static void printOutOfMemoryLine() {
        byte[] line = outOfMemoryLine;
        FileOutputStream out = stderr;
        if (line == null || out == null) return;
        try {
            out.write(line);
        } catch (IOException | RuntimeException | Error ignored) {
            // stderr is gone or memory still is: the exit status is all that is left to say it
        }
    }

    /** Prints the error and returns the exit status it means. */
    static int report(Throwable t, PrintWriter err, boolean debug) {
        Throwable cause = unwrap(t);
        if (!firstOfItsKind(cause)) {
            awaitFirstReport();
            return status(cause);
        }
        try {
            print(t, cause, err, debug);
        } catch (Throwable again) {
            // printing allocates and loads classes, which fails (in any Error) when memory is what ran out: the line
            // made while there was memory says it instead
            if (!(cause instanceof OutOfMemoryError)) throw again;
            printOutOfMemoryLine();
        } finally {
            if (cause instanceof Error) fatalPrinted = true;
        }
        return status(cause);
    }

    private static void awaitFirstReport() {
        // polled, not a latch: waiting on a latch allocates, and a thread here has often run out of memory; bounded, as
        // a reporter stuck on a blocked stderr must not keep the process from ending
        for (int ms = 0; !fatalPrinted && ms < 5_000; ms++) pause();
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int status(Throwable cause) {
        return cause instanceof InputError || cause instanceof FileSystemException ? Main.EXIT_USAGE : EXIT_ERROR;
    }

    /** False for an Error another thread has reported already. */
    private static boolean firstOfItsKind(Throwable cause) {
        return !(cause instanceof Error) || !errorsOnce || claimFatal();
    }

    private static synchronized boolean claimFatal() {
        boolean first = !fatalClaimed;
        fatalClaimed = true;
        return first;
    }

    private static void print(Throwable t, Throwable cause, PrintWriter err, boolean debug) {
        err.println("dwell: " + SafeText.visible(message(cause))
                + (debug || cause instanceof InputError ? "" : " (--debug shows the Java stack trace)"));
        if (debug) t.printStackTrace(err);
        err.flush();
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
