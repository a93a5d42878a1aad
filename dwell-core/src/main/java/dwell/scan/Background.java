package dwell.scan;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A task on a thread of its own, beside the caller's; {@link #join} gives its outcome or its failure as thrown. */
public final class Background<T> {
    private final FutureTask<T> task;
    private final Thread thread;

    private Background(String name, Callable<T> work) {
        task = new FutureTask<>(work);
        thread = new Thread(task, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> Background<T> start(String name, Callable<T> work) {
        Background<T> b = new Background<>(name, work);
        b.thread.start();
        return b;
    }

    /** {@link #join(Class)} for a stage whose checked failures are I/O errors. */
    T join() throws IOException {
        return join(IOException.class);
    }

    /**
     * Waits for the task (an interrupt is kept for the caller, not obeyed: the task's thread must not outlive the
     * stage, nor a connection it uses close under it) and returns its outcome, or throws its failure: a {@code checked}
     * exception, a runtime exception or an error as it was.
     */
    public <X extends Exception> T join(Class<X> checked) throws X {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (checked.isInstance(e.getCause())) throw checked.cast(e.getCause());
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Waits for the task to end, its outcome left aside (the caller has a failure of its own to report). */
    public void awaitEnd() {
        try {
            join(Exception.class);
        } catch (Exception | Error e) {
            // the caller's failure is the one reported
        }
    }
}
