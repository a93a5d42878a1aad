package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaRuntimeCheckTest {
    @Test
    void theRuntimeTheBuildRunsOnIsAccepted() {
        // the build's Java 17 is one Spark 3.5 runs on: the real call must pass here
        assertTrue(Runtime.version().feature() < 23, "this test expects the build's runtime, Java 17 to 22");
        assertDoesNotThrow(() -> JavaRuntimeCheck.require());
    }

    @Test
    void aRuntimeThatRefusesTheCallIsNamedWithTheRemedy() {
        UnsupportedOperationException refused = new UnsupportedOperationException("getSubject is not supported");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JavaRuntimeCheck.require(() -> {
            throw refused;
        }));
        assertTrue(e.getMessage().contains("Java 17 or 21"), e.getMessage());
        assertTrue(e.getMessage().contains(Runtime.version().toString()), e.getMessage());
        assertSame(refused, e.getCause());
    }

    @Test
    void otherFailuresOfTheCallAreNotDressedAsARuntimeProblem() {
        IllegalArgumentException other = new IllegalArgumentException("x");
        assertSame(other, assertThrows(IllegalArgumentException.class, () -> JavaRuntimeCheck.require(() -> {
            throw other;
        })));
    }
}
