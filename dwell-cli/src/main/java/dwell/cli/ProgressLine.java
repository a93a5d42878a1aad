package dwell.cli;

import dwell.evidence.Progress;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A long command's progress on one terminal line of standard error, redrawn a few times a second from its own
 * thread (the workers only add to counters): files and bytes done, rate and time left; then one final line with
 * the elapsed time and throughput. Made only when standard error is a terminal ({@link ConsoleOptions}).
 */
final class ProgressLine implements Progress, AutoCloseable {
    private static final long REDRAW_MS = 250;
    /** Narrower than any terminal: a line that wraps cannot be redrawn in place. */
    private static final int WIDTH = 79;

    private final String command;
    private final OutputStream err;
    private final LongSupplier nanos;
    private final long started;
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile String stage = "starting";
    /** When reading began and ended: the rate is the reading's, not the rule compilation's. */
    private volatile long readFrom;
    private volatile long readTo;
    private volatile boolean reading;
    private volatile boolean read;
    private volatile boolean finished;
    private volatile Thread painter;

    ProgressLine(String command, OutputStream err, LongSupplier nanos) {
        this.command = command;
        this.err = err;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** Starts redrawing. */
    ProgressLine start() {
        painter = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    draw("\r" + line() + "\u001b[K");
                    Thread.sleep(REDRAW_MS);
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "dwell-progress");
        painter.setDaemon(true);
        painter.start();
        return this;
    }

    @Override
    public void planned(int n, long size) {
        if (!reading) {
            readFrom = nanos.getAsLong();
            reading = true;
        }
        files.addAndGet(n);
        bytes.addAndGet(size);
    }

    @Override
    public void read(long n) {
        bytesRead.addAndGet(n);
    }

    @Override
    public void fileDone() {
        if (filesDone.incrementAndGet() == files.get()) {
            readTo = nanos.getAsLong();
            read = true;
        }
    }

    /** A new stage is drawn at once: one shorter than a redraw interval would otherwise never be seen. */
    @Override
    public void stage(String name) {
        stage = name;
        if (painter != null && !finished) draw("\r" + line() + "\u001b[K");
    }

    /** The line as it stands, e.g. {@code scan: reading 120/800 files, 45.2/512.0 MB, 18.3 MB/s, ETA 0:25 [0:12]}. */
    String line() {
        long now = nanos.getAsLong();
        StringBuilder b = new StringBuilder(command).append(": ").append(stage);
        if (files.get() > 0 && !read) {
            long done = bytesRead.get();
            long size = bytes.get();
            double rate = done / seconds(readFrom, now);
            b.append(' ').append(filesDone.get()).append('/').append(files.get()).append(" files, ").append(mb(done)).append('/')
                    .append(mb(size)).append(" MB, ").append(mb((long) rate)).append(" MB/s");
            if (rate > 0 && done < size) b.append(", ETA ").append(clock((long) ((size - done) / rate)));
        }
        String elapsed = " [" + clock((long) seconds(started, now)) + "]";
        // the elapsed time is kept whole when the line must be cut
        if (b.length() + elapsed.length() > WIDTH) b.setLength(WIDTH - elapsed.length());
        return b.append(elapsed).toString();
    }

    /** The final line: elapsed time, and what was read at what rate while reading. */
    String summary() {
        long now = nanos.getAsLong();
        StringBuilder b = new StringBuilder("dwell ").append(command).append(": done in ")
                .append(String.format(Locale.ROOT, "%.1f s", seconds(started, now)));
        if (files.get() > 0) {
            double took = seconds(readFrom, read ? readTo : now);
            b.append(", ").append(filesDone.get()).append(filesDone.get() == 1 ? " file, " : " files, ").append(mb(bytesRead.get()))
                    .append(" MB read in ").append(String.format(Locale.ROOT, "%.1f s", took)).append(" (")
                    .append(mb((long) (bytesRead.get() / took))).append(" MB/s)");
        }
        return b.toString();
    }

    private static double seconds(long from, long to) {
        return Math.max(1e-3, (to - from) / 1e9);
    }

    /** A message of the command's own on standard error, on a line of its own above the progress line. */
    void note(String message) {
        draw("\r\u001b[K" + SafeText.visible(message) + "\n");
    }

    /** The command got to its end: closing writes the final line (a command that failed only clears its line). */
    void finished() {
        finished = true;
    }

    /** Stops redrawing, clears the line and, when the command finished, writes the final one. */
    @Override
    public void close() {
        if (painter != null) {
            painter.interrupt();
            try {
                painter.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        draw("\r\u001b[K" + (finished ? summary() + "\n" : ""));
    }

    private synchronized void draw(String s) {
        try {
            err.write(s.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException e) {
            // a closed terminal loses the progress, never the run
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static String clock(long secs) {
        return secs >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60)
                : String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60);
    }
}
