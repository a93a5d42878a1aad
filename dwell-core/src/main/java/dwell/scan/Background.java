package dwell.scan;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A stage's task on a thread of its own, beside the caller's; {@link #join} gives its outcome or its failure as thrown. */
final class Background<T> {
    private final FutureTask<T> task;
    private final Thread thread;

    private Background(String name, Callable<T> work) {
        task = new FutureTask<>(work);
        thread = new Thread(task, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    static <T> Background<T> start(String name, Callable<T> work) {
        Background<T> b = new Background<>(name, work);
        b.thread.start();
        return b;
    }

    /**
     * Waits for the task (an interrupt is kept for the caller, not obeyed: the task's thread must not outlive the
     * stage) and returns its outcome, or throws its failure: an I/O error, a runtime exception or an error as it was.
     */
    T join() throws IOException {
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
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Waits for the task to end, its outcome left aside (the caller has a failure of its own to report). */
    void awaitEnd() {
        try {
            join();
        } catch (IOException | RuntimeException | Error e) {
            // the caller's failure is the one reported
        }
    }
}
