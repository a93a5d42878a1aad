package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an error that ends a command is shown: one line and its exit status; the trace only with --debug. */
class FailureTest {
    private record Shown(int status, String text) {
    }

    private static Shown show(Throwable t, boolean debug) {
        StringWriter w = new StringWriter();
        int status = Failure.report(t, new PrintWriter(w), debug);
        return new Shown(status, w.toString());
    }

    @Test
    void anInputErrorIsItsMessageAndStatusTwo() {
        assertEquals(new Shown(2, "dwell: --since: not a date\n"), show(new InputError("--since: not a date"), false));
    }

    @Test
    void aPathThatCannotBeUsedIsAnInputError() {
        assertEquals(new Shown(2, "dwell: /ro/r.html: Read-only file system (--debug shows the Java stack trace)\n"),
                show(new FileSystemException("/ro/r.html", null, "Read-only file system"), false));
        assertEquals(new Shown(2, "dwell: /x: no such file or directory (--debug shows the Java stack trace)\n"),
                show(new UncheckedIOException(new NoSuchFileException("/x")), false));
    }

    @Test
    void outOfMemoryAnywhereInTheChainIsSaidSo() {
        Failure.errorsOnce(); // a fresh process's state, whichever test ran before
        Shown s = show(new IOException("catalog worker failed", new RuntimeException(new OutOfMemoryError("Java heap space"))), false);
        assertEquals(1, s.status());
        assertTrue(s.text().startsWith("dwell: out of memory (Java heap of "), s.text());
        assertEquals(1, s.text().lines().count(), s.text());
    }

    @Test
    void inAProcessThatAsksAnErrorMetByTwoThreadsIsSaidOnce() throws Exception {
        Failure.errorsOnce();
        Throwable oom = new OutOfMemoryError("Java heap space");
        List<Shown> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread worker = new Thread(() -> shown.add(show(new RuntimeException(oom), false)));
        worker.start();
        shown.add(show(new IOException("catalog worker failed", oom), false));
        worker.join();
        assertEquals(List.of(1, 1), shown.stream().map(Shown::status).toList());
        assertEquals(1, shown.stream().filter(s -> !s.text().isEmpty()).count(), shown.toString());
        // what is not an Error is still reported every time
        assertEquals(new Shown(2, "dwell: --since: not a date\n"), show(new InputError("--since: not a date"), false));
    }

    @Test
    void aThreadThatLosesTheRaceWaitsForTheFirstReportToBePrinted() throws Exception {
        Failure.errorsOnce();
        Throwable oom = new OutOfMemoryError("Java heap space");
        java.util.concurrent.CountDownLatch printing = new java.util.concurrent.CountDownLatch(1);
        StringWriter slow = new StringWriter() {
            @Override
            public void write(String str, int off, int len) {
                printing.countDown();
                sleep(300);
                super.write(str, off, len);
            }
        };
        Thread first = new Thread(() -> Failure.report(oom, new PrintWriter(slow), false));
        first.start();
        printing.await();
        long start = System.nanoTime();
        assertEquals(1, Failure.report(new RuntimeException(oom), new PrintWriter(new StringWriter()), false));
        // a second reporter returning at once would let its thread end the process before the line is out
        assertTrue(slow.toString().startsWith("dwell: out of memory"), slow.toString());
        assertTrue(System.nanoTime() - start >= 200_000_000L);
        first.join();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWrapperIsShownWithItsCause() {
        Shown s = show(new IOException("catalog worker failed", new IllegalStateException("chunk table broken")), false);
        assertEquals(new Shown(1, "dwell: catalog worker failed: chunk table broken (--debug shows the Java stack trace)\n"), s);
    }

    @Test
    void aMessageIsOneInertLine() {
        Shown s = show(new IllegalStateException("two\nlines \u001b[31mred"), false);
        assertEquals(List.of("dwell: two\\x0alines \\x1b[31mred (--debug shows the Java stack trace)"), s.text().lines().toList());
    }

    @Test
    void debugAddsTheTrace() {
        Shown s = show(new IllegalStateException("broken"), true);
        assertTrue(s.text().startsWith("dwell: broken\njava.lang.IllegalStateException: broken\n\tat dwell.cli.FailureTest"), s.text());
    }

    @Test
    void reasonLeavesTheNameOut() {
        assertEquals("permission denied", Failure.reason(new AccessDeniedException("/x")));
        assertEquals("Read-only file system", Failure.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("disk on fire", Failure.reason(new IOException("disk on fire")));
    }

    @Test
    void theCommandLineIsRecordedOnceAndCanBeRunAgain() {
        assertEquals("dwell scan ex -o 'case 2' --since 2021-03-01 --rules 'it'\\''s.yml' ''",
                CaseStage.commandLine(List.of("scan", "ex", "-o", "case 2", "--since", "2021-03-01", "--rules", "it's.yml", "")));
    }
}
