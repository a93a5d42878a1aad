package dwell.sigma;

import java.util.function.Supplier;

/**
 * Work done on a thread of its own while the caller does other work, when it is large enough to be worth the
 * thread's start (else it is done by {@link #join}, on the caller's thread): half of a rule phase's decoding or binding.
 */
final class SecondCore<T> {
    private final Supplier<T> work;
    private final Thread thread;
    private T value;
    private Throwable failure;

    /** Starts {@code work} on a thread of its own when {@code worthAThread}. */
    SecondCore(boolean worthAThread, String name, Supplier<T> work) {
        this.work = work;
        if (!worthAThread) {
            thread = null;
            return;
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            value = work.get();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** The work's result; what it threw, thrown again here. */
    T join() {
        if (thread == null) return work.get();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // the work reads only memory and ends soon: waiting for it is safer than leaving it running
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        return value;
    }
}
