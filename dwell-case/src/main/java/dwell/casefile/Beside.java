package dwell.casefile;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Case work on a daemon thread of its own, beside the caller's; {@link #join} gives its outcome or its failure as thrown. */
public final class Beside<T> {
    /** The work: a query or statement on a connection of its own. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private final FutureTask<T> task;
    private final Thread thread;

    private Beside(String name, Work<T> work) {
        task = new FutureTask<>(work::run);
        thread = new Thread(task, name);
        thread.setDaemon(true);
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> Beside<T> start(String name, Work<T> work) {
        Beside<T> b = new Beside<>(name, work);
        b.thread.start();
        return b;
    }

    /**
     * Waits for the work (an interrupt is kept for the caller, not obeyed: the connection it uses must not close
     * under it) and returns its outcome, or throws its failure as it was.
     */
    public T join() throws SQLException {
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
            if (e.getCause() instanceof SQLException s) throw s;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
