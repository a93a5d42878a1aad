package dwell.cli;

import dwell.evidence.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import picocli.CommandLine.Option;

/** The console options every command shares: {@code --quiet} and {@code --no-color}. */
public final class ConsoleOptions {
    @Option(names = "--quiet", description = "No progress line and no final timing line on standard error.")
    boolean quiet;

    @Option(names = "--no-color", description = "No colours on standard output (also when NO_COLOR is set, or it is no terminal).")
    boolean noColor;

    private Terminal terminal;

    private Terminal terminal() {
        if (terminal == null) terminal = Terminal.detect();
        return terminal;
    }

    /** Level colours for standard output, when it is a colour terminal and they are not turned off. */
    LevelColours colours() {
        return LevelColours.forStdout(!noColor && terminal().colours());
    }

    /**
     * The command's progress on standard error, started: a live line when stderr is a terminal and not
     * {@code --quiet}, else nothing. A command that streams its results to standard output as it goes shows it only
     * when that output goes elsewhere, so the two never share a terminal line. Close it when the command is done.
     */
    Live progress(String command, boolean streamsToStdout) {
        Terminal t = terminal();
        if (quiet || !t.stderr() || streamsToStdout && t.stdout()) return new Live(null);
        return new Live(new ProgressLine(command, new FileOutputStream(FileDescriptor.err), System::nanoTime).start());
    }

    /** A started progress display, or none. */
    record Live(ProgressLine line) implements AutoCloseable {
        Progress progress() {
            return line != null ? line : Progress.NONE;
        }

        /** Prints a message on standard error without tearing the progress line (which shows it inert, as the guard would). */
        void note(String message) {
            if (line != null) line.note(message);
            else System.err.println(message);
        }

        /** The command got to its end: the final line (elapsed time, throughput) follows on closing. */
        void finished() {
            if (line != null) line.finished();
        }

        @Override
        public void close() {
            if (line != null) line.close();
        }
    }
}
