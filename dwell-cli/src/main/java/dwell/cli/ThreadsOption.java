package dwell.cli;

import picocli.CommandLine.Option;

/** The worker-thread count every reading command takes, checked the same way everywhere. */
public final class ThreadsOption {
    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Worker threads (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    /** The count, at least 1: zero or a negative count is an input error, not a silent one-thread run. */
    public int count() {
        if (threads < 1) throw new InputError("--threads must be at least 1");
        return threads;
    }
}
