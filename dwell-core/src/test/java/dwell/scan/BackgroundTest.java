package dwell.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/** A stage's task on its own thread gives its outcome, or its failure as it was thrown. */
class BackgroundTest {
    @Test
    void givesTheOutcomeOfATaskRunOnAnotherThread() throws IOException {
        Thread caller = Thread.currentThread();
        assertEquals("dwell-test", Background.start("dwell-test", () -> Thread.currentThread().getName()).join());
        assertNotEquals(caller, Background.start("dwell-test", Thread::currentThread).join());
    }

    @Test
    void throwsTheTasksFailureAsItWasThrown() {
        NoSuchFileException io = new NoSuchFileException("out/findings.jsonl");
        assertSame(io, assertThrows(NoSuchFileException.class, () -> Background.start("t", () -> {
            throw io;
        }).join()));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Background.start("t", () -> {
            throw bug;
        }).join()));
        OutOfMemoryError oom = new OutOfMemoryError("heap");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Background.start("t", () -> {
            throw oom;
        }).join()));
    }

    @Test
    void throwsTheCheckedFailureNamedAsItWasThrown() {
        DataFormatException bad = new DataFormatException("invalid block type");
        assertSame(bad, assertThrows(DataFormatException.class, () -> Background.start("t", () -> {
            throw bad;
        }).join(DataFormatException.class)));
        // a checked failure of another kind than the one named is a bug of the task's, not the caller's to handle
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> Background.start("t", () -> {
            throw bad;
        }).join(IOException.class));
        assertSame(bad, other.getCause());
    }

    @Test
    void awaitingTheEndLeavesTheFailureAside() {
        Background.start("t", () -> {
            throw new IOException("ignored");
        }).awaitEnd();
    }
}
