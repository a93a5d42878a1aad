package dwell.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Numbered tasks run by the caller and, when worth a thread, a second thread, each taking the next task not yet taken;
 * the results come back in task order. Fixed halves left one thread waiting while the other, sharing two cores with
 * the JIT compiler, was still on its half; taken one at a time, the caller waits at most for the task in hand.
 */
final class SharedTasks {
    private SharedTasks() {
    }

    /** The results of {@code task} for 0 to {@code n - 1}; what a task threw, thrown here. */
    static <T> List<T> run(int n, boolean worthAThread, String name, IntFunction<T> task) {
        Object[] out = new Object[n];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) out[i] = task.apply(i);
        };
        SecondCore<Void> other = new SecondCore<>(worthAThread && n > 1, name, () -> {
            drain.run();
            return null;
        });
        try {
            drain.run();
        } finally {
            // the other thread's tasks are done (or it failed) before their results are read
            other.join();
        }
        @SuppressWarnings("unchecked")
        List<T> results = (List<T>) new ArrayList<>(Arrays.asList(out));
        return results;
    }
}
