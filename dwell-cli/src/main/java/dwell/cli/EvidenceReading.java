package dwell.cli;

import dwell.evidence.CatalogLimits;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What a command that reads evidence without a full scan takes: the paths, worker threads and archive limits. */
public final class EvidenceReading {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Evidence files, directories or archives.")
    List<String> paths;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    LimitOptions limits = new LimitOptions();

    /** The paths, each of which must exist (an input error otherwise). */
    List<Path> paths() {
        return Paths.evidence(paths, false);
    }

    int threads() {
        return threads.count();
    }

    CatalogLimits limits() {
        return limits.limits();
    }
}
