package dwell.cli;

import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.report.Reports;
import dwell.rulecache.RuleCache;
import dwell.rulecache.RuleSetDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Option;

/** The end of a scan: the run goes into OUT/case.duckdb and the case is rendered as OUT/report.html. */
public final class CaseStage {
    @Option(names = "--no-case", description = "Do not write OUT/case.duckdb and OUT/report.html.")
    boolean noCase;

    /**
     * The command as typed, from the arguments of the whole line (the command's name among them), an argument with
     * blanks or shell characters in single quotes so that the line can be run again.
     */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("dwell");
        for (String a : args) {
            b.append(' ');
            if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:=,@%+-]+")) b.append(a);
            else b.append('\'').append(a.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }

    /** The rule set's digest, worked out by {@link #warmUp} while the scan hunts. */
    private FutureTask<String> rulesDigest;
    /** The case file, opened (schema included) by {@link #warmUp} while the scan hunts; null once {@link #write} took it. */
    private FutureTask<CaseFile> opened;
    /** Whether the case file was there before {@link #warmUp} opened it: a scan that ends without a case leaves none. */
    private volatile boolean existed;
    /** OUT/case.duckdb. */
    private Path caseDb;

    /**
     * Starts, when a case is to be written, the case stage's fixed work on a thread of its own while the scan hunts:
     * opening OUT/case.duckdb (DuckDB's native library, its engine, the file and its schema: 0.1-0.4 s of mostly
     * waiting at load) and the digest of the rule files ({@link #digest}: SHA-256 over every rule file, 4.4 MB in
     * 2,407 files for SigmaHQ's Windows rules, 0.05-0.07 s of CPU unless the rule cache holds it), which the stage
     * would otherwise do after the hunt while the second core waits. Returns the thread, which the caller ends with
     * {@link #finish}.
     */
    Thread warmUp(Path out, List<Path> ruleSources, boolean builtin) {
        caseDb = out.resolve("case.duckdb");
        opened = new FutureTask<>(() -> {
            existed = Files.exists(caseDb);
            return CaseFile.open(caseDb);
        });
        rulesDigest = new FutureTask<>(() -> digest(ruleSources, builtin));
        Thread t = new Thread(() -> {
            opened.run();
            rulesDigest.run();
        }, "case warm-up");
        t.setDaemon(true);
        if (!noCase) t.start();
        return t;
    }

    /**
     * Waits for {@code warmUp} to end, so that DuckDB is never left starting at exit, and closes the case it opened
     * when {@link #write} did not take it (the scan failed): a case file created for it is removed again.
     */
    void finish(Thread warmUp) {
        boolean interrupted = false;
        while (warmUp.isAlive()) {
            try {
                warmUp.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        FutureTask<CaseFile> untaken = opened;
        opened = null;
        if (untaken == null || !untaken.isDone()) return;
        try (CaseFile c = untaken.get()) {
            // closed unused
        } catch (Exception e) {
            return; // the open failed, or the scan's own failure is the one to report
        }
        if (existed) return;
        try {
            Files.deleteIfExists(caseDb);
            Files.deleteIfExists(caseDb.resolveSibling(caseDb.getFileName() + ".wal"));
        } catch (IOException e) {
            // an empty case left behind; the scan's own failure is the one to report
        }
    }

    /**
     * Imports the scan's output folder as a new run of its case, then writes the HTML report; returns the paths.
     * {@code args} are the whole command line's.
     */
    List<Path> write(Path out, List<String> args, List<Path> ruleSources, boolean builtin, Instant started)
            throws IOException {
        if (noCase) return List.of();
        Path db = out.resolve("case.duckdb");
        Path html = out.resolve("report.html");
        RunInfo run = new RunInfo(commandLine(args), Main.version(), rulesDigest(ruleSources, builtin),
                started, Instant.now());
        try (CaseFile c = opened(db)) {
            try {
                // the report starts the checkpoint of the run's pages once its queries are done
                c.importRun(out, run);
            } catch (SQLException e) {
                throw new IOException("cannot write the case file " + db + ": " + e.getMessage(), e);
            }
            try {
                Reports.write(c, db, Reports.Kind.html, html, "dwell", "amber", 0);
            } catch (SQLException e) {
                throw new IOException("cannot write the report " + html + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write the case file " + db + ": " + e.getMessage(), e);
        }
        return List.of(db, html);
    }

    /** The case {@link #warmUp} opened (waiting for it; its failure as the open threw it), or when it was not called, a new open. */
    private CaseFile opened(Path db) throws SQLException, IOException {
        FutureTask<CaseFile> task = opened;
        if (task == null) return CaseFile.open(db);
        opened = null;
        task.run();  // nothing when the warm-up thread has run it or is running it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the case file " + db, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            throw rethrown(e);
        }
    }

    /** The digest {@link #warmUp} worked out (waiting for it), or when it was not called, {@link #digest}. */
    String rulesDigest(List<Path> ruleSources, boolean builtin) throws IOException {
        if (rulesDigest == null) return digest(ruleSources, builtin);
        rulesDigest.run();  // nothing when the warm-up thread has run it or is running it
        try {
            return rulesDigest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while digesting the rule files", e);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    /**
     * The warm-up thread's failure as it is, so that an out-of-memory or linkage error reads as on the main thread;
     * returned for an unchecked cause, so the caller throws it.
     */
    private static IOException rethrown(ExecutionException e) {
        if (e.getCause() instanceof IOException io) return io;
        if (e.getCause() instanceof RuntimeException r) throw r;
        if (e.getCause() instanceof Error err) throw err;
        throw new IllegalStateException(e.getCause());
    }

    /**
     * SHA-256 over the bytes of every rule and feed file used (sorted by path) and the built-in packs' version; from the
     * run's rule cache when the files' stamps find it there.
     */
    static String digest(List<Path> sources, boolean builtin) throws IOException {
        return RuleSetDigest.of(sources, (builtin ? "builtin " : "") + Main.version(), RuleCache.installed());
    }
}
