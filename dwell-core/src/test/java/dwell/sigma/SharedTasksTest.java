package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tasks shared by two threads: results in task order, and the caller never waits while a task is left. */
class SharedTasksTest {
    @Test
    void resultsComeInTaskOrderOnOneThreadOrTwo() {
        List<Integer> squares = IntStream.range(0, 100).map(i -> i * i).boxed().toList();
        assertEquals(squares, SharedTasks.run(100, true, "t", i -> i * i));
        assertEquals(squares, SharedTasks.run(100, false, "t", i -> i * i));
        assertEquals(List.of(), SharedTasks.run(0, true, "t", i -> i));
        Thread caller = Thread.currentThread();
        assertEquals(List.of(caller, caller, caller), SharedTasks.run(3, false, "t", i -> Thread.currentThread()));
    }

    @Test
    void theCallerTakesEveryTaskLeftWhileTheOtherThreadIsHeld() throws InterruptedException {
        int n = 40;
        Thread caller = Thread.currentThread();
        AtomicInteger byCaller = new AtomicInteger();
        CountDownLatch callerDone = new CountDownLatch(1);
        SharedTasks.run(n, true, "t", i -> {
            if (Thread.currentThread() != caller) {
                // held until the caller has run all the others (a fixed half would leave it waiting here)
                try {
                    callerDone.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (byCaller.incrementAndGet() == n - 1) {
                callerDone.countDown();
            }
            return i;
        });
        assertTrue(byCaller.get() >= n - 1, "the caller ran " + byCaller.get() + " of " + n);
    }

    @Test
    void whatATaskThrewIsThrownByRun() {
        IllegalStateException failed = new IllegalStateException("bad rule");
        for (boolean thread : new boolean[] {true, false}) {
            assertSame(failed, assertThrows(IllegalStateException.class, () -> SharedTasks.run(10, thread, "t", i -> {
                if (i == 7) throw failed;
                return i;
            })));
        }
    }
}
