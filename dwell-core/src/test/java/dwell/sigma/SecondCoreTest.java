package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Work on a second thread: its result, or what it threw, comes back to the caller; small work stays on the caller's. */
class SecondCoreTest {
    @Test
    void theResultComesFromAnotherThreadOnlyWhenWorthIt() {
        Thread caller = Thread.currentThread();
        assertNotEquals(caller, new SecondCore<>(true, "t", Thread::currentThread).join());
        assertSame(caller, new SecondCore<>(false, "t", Thread::currentThread).join());
        assertEquals(42, new SecondCore<>(true, "t", () -> 42).join());
    }

    @Test
    void whatTheWorkThrewIsThrownByJoin() {
        IllegalArgumentException refused = new IllegalArgumentException("damaged");
        for (boolean thread : new boolean[] {true, false}) {
            assertSame(refused, assertThrows(IllegalArgumentException.class,
                    () -> new SecondCore<>(thread, "t", () -> { throw refused; }).join()));
            StackOverflowError deep = new StackOverflowError();
            assertSame(deep, assertThrows(StackOverflowError.class,
                    () -> new SecondCore<>(thread, "t", () -> { throw deep; }).join()));
        }
    }
}
