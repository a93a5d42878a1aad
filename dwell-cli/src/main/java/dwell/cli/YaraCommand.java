package dwell.cli;

import dwell.evidence.Progress;
import dwell.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.yara.RuleMatch;
import dwell.yara.YaraCompileException;
import dwell.yara.YaraDetector;
import dwell.yara.YaraRules;
import dwell.yara.YaraScanner;
import dwell.yara.YaraSyntaxError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dwell yara: YARA rules with dwell's own engine. */
@Command(name = "yara", mixinStandardHelpOptions = true, description = "Runs YARA rules with dwell's own engine.",
        subcommands = {YaraCommand.Scan.class})
public final class YaraCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw Main.noCommand(spec);
    }

    /**
     * dwell yara scan: prints {@code RULE PATH} per match like the yara tool. All rule files must compile:
     * otherwise every error is printed as {@code file:line:col: message} and the exit status is 2.
     */
    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Scans files and directories (recursively) and prints RULE PATH for every match.")
    public static final class Scan implements Callable<Integer> {
        @Option(names = {"-r", "--rules"}, required = true, split = ",", paramLabel = "FILE",
                description = "YARA rule file; repeat the option (or separate with commas) for several.")
        List<Path> rules;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to scan.")
        List<Path> paths;

        @Option(names = {"-d", "--define"}, paramLabel = "NAME=VALUE", description = "Defines an external variable.")
        Map<String, String> defines = new LinkedHashMap<>();

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "${COMPLETION-CANDIDATES}: table prints RULE PATH lines (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Worker threads (default: available cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--max-in-memory", paramLabel = "BYTES",
                description = "Files larger than this are memory-mapped instead of read (default: ${DEFAULT-VALUE}).")
        long maxInMemory = YaraScanner.DEFAULT_MAX_IN_MEMORY;

        @Option(names = "--no-rule-cache",
                description = "Compile the rule files anew, without reading or writing the compiled-rule cache ($DWELL_CACHE_DIR, else $XDG_CACHE_HOME/dwell, else ~/.cache/dwell).")
        boolean noRuleCache;

        @Mixin
        ConsoleOptions console = new ConsoleOptions();

        @Option(names = {"-a", "--timeout"}, paramLabel = "SECONDS",
                description = "Gives up a file's scan after this many seconds and reports it as an error, as yara's "
                        + "--timeout does (default: no limit).")
        long timeoutSeconds;

        /** Files of at least twice this size have their string search split between threads. */
        private static final long SPLIT_ABOVE = 4L << 20;

        /** The outcome of scanning one file. */
        private record Result(Path file, List<RuleMatch> matches, String error) {
        }

        @Override
        public Integer call() throws Exception {
            for (Path r : rules) {
                if (!Files.isReadable(r)) throw new InputError("cannot read rule file: " + r);
            }
            Paths.existing(paths);
            dwell.yara.PhaseTimer timer = new dwell.yara.PhaseTimer();
            timer.mark("start of yara scan");
            // the directories are walked while the rules compile
            Walk walk = new Walk(paths);
            walk.start();
            List<Path> files = walk.files;
            List<String> walkErrors = walk.errors;
            Map<Path, Long> sizes = walk.sizes;
            YaraRules compiled;
            List<Result> results;
            try (ConsoleOptions.Live live = console.progress("yara scan", false)) {
                live.progress().stage("compiling rules");
                try {
                    compiled = YaraRules.compile(rules, defines, RuleCacheOption.cache(noRuleCache));
                } catch (YaraCompileException e) {
                    for (YaraSyntaxError err : e.errors()) live.note(err.getMessage());
                    return Main.EXIT_USAGE;
                }
                // loops, not lambdas, up to the scan (see Walk)
                for (String note : undefinedModuleNotes(compiled)) live.note(note);
                for (String w : compiled.warnings()) live.note("warning: " + w);
                // a cached rule set is decoded beside the rest of the walk once it has found a file (an empty one
                // decodes nothing)
                if (walk.anyFile) compiled.prepare();
                timer.mark("compile");
                walk.finish();
                for (String e : walkErrors) live.note(e);
                timer.mark("walk (" + files.size() + " files, rest of)");
                live.progress().stage("scanning");
                long bytes = 0;
                for (long size : sizes.values()) bytes += size;
                live.progress().planned(files.size(), bytes);
                results = scanAll(compiled, files, sizes, live.progress());
                timer.mark("scan");
                live.finished();
            }
            if (format == OutputFormat.json) {
                System.out.println(Json.pretty(toJson(results, walkErrors)));
            } else {
                // one buffered stream for all lines, flushed once, instead of a flush per line
                PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false);
                for (Result r : results) {
                    if (r.error() != null) {
                        out.flush();
                        System.err.println("error: " + r.file() + ": " + r.error());
                    }
                    for (RuleMatch m : r.matches()) out.println(m.rule() + " " + r.file());
                }
                out.flush();
            }
            timer.mark("output");
            return 0;
        }

        /** A note for each module dwell does not implement that rules read, naming those rules. */
        static List<String> undefinedModuleNotes(YaraRules rules) {
            Map<String, List<String>> byModule = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> r : rules.rulesWithUndefinedModules().entrySet()) {
                for (String m : r.getValue()) {
                    List<String> affected = byModule.get(m);
                    if (affected == null) byModule.put(m, affected = new ArrayList<>());
                    affected.add(r.getKey());
                }
            }
            List<String> notes = new ArrayList<>();
            for (Map.Entry<String, List<String>> m : byModule.entrySet()) {
                notes.add("note: module \"" + m.getKey() + "\" is not implemented: its values are undefined, which "
                        + "affects " + m.getValue().size() + " rule(s): " + String.join(", ", m.getValue()));
            }
            return notes;
        }

        /**
         * The walk of the paths, on a thread of its own. A thread and a volatile flag rather than a FutureTask and an
         * AtomicBoolean, whose variable handles start the method-handle machinery (no lambda either: a millisecond or
         * more of a run on a rule cache hit with nothing to scan).
         */
        private static final class Walk extends Thread {
            private final List<Path> paths;
            /** What the walk found; complete once {@link #finish} returned. */
            final List<Path> files = new ArrayList<>();
            final Map<Path, Long> sizes = new java.util.HashMap<>();
            final List<String> errors = new ArrayList<>();
            /** Set once a file is found, so that a cached rule set is decoded beside the rest of the walk. */
            volatile boolean anyFile;
            private Throwable failure;

            Walk(List<Path> paths) {
                super("dwell-yara-walk");
                this.paths = paths;
                setDaemon(true);
            }

            @Override
            public void run() {
                try {
                    for (Path p : paths) collect(p, this);
                } catch (Throwable t) {
                    failure = t;
                }
            }

            /** Waits for the walk's end, throwing what ended it early. */
            void finish() throws IOException, InterruptedException {
                join();
                if (failure instanceof IOException io) throw io;
                if (failure != null) throw new IllegalStateException("walking the paths failed", failure);
            }
        }

        private static void collect(Path root, Walk walk) throws IOException {
            List<Path> files = walk.files;
            Map<Path, Long> sizes = walk.sizes;
            if (!Files.isDirectory(root)) {
                walk.anyFile = true;
                files.add(root);
                try {
                    sizes.put(root, Files.size(root));
                } catch (IOException e) {
                    // scanning it reports why
                }
                return;
            }
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            // a symbolic link seen here could not be followed: scanning it reports why
                            if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                                found.add(file);
                                sizes.put(file, attrs.size());
                                walk.anyFile = true;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            walk.errors.add("error: " + file + ": " + reason(exc));
                            return FileVisitResult.CONTINUE;
                        }
                    });
            found.sort(null);
            files.addAll(found);
        }

        /**
         * Scans the files on a fork-join pool: each file is one task taken by whichever thread is free, and a
         * large file's string search is split into pieces that idle threads take over.
         */
        private List<Result> scanAll(YaraRules compiled, List<Path> files, Map<Path, Long> sizes, Progress progress)
                throws InterruptedException {
            // nothing to scan starts no pool (its threads and classes are a measurable part of so short a run)
            if (files.isEmpty()) return List.of();
            // as many workers as asked even for fewer files: a large file is split between them
            int n = Math.max(1, threads);
            // scanners are lent per task rather than per thread: a thread waiting for the pieces of a large
            // file may run other tasks meanwhile, and a scanner must never serve two scans at once
            ConcurrentLinkedQueue<YaraScanner> idle = new ConcurrentLinkedQueue<>();
            ForkJoinPool pool = new ForkJoinPool(n);
            try {
                // largest files first, so no thread is left with a large file at the end; results keep file order
                Integer[] order = new Integer[files.size()];
                for (int k = 0; k < order.length; k++) order[k] = k;
                java.util.Arrays.sort(order, java.util.Comparator.comparingLong(
                        (Integer k) -> sizes.getOrDefault(files.get(k), 0L)).reversed());
                List<Future<Result>> futures = new ArrayList<>(java.util.Collections.nCopies(files.size(), null));
                for (int k : order) {
                    Path f = files.get(k);
                    futures.set(k, pool.submit(() -> {
                        YaraScanner scanner = idle.poll();
                        if (scanner == null) scanner = new YaraScanner(compiled, maxInMemory, SPLIT_ABOVE).timeout(timeoutSeconds);
                        try {
                            return new Result(f, scanner.scan(f), null);
                        } catch (IOException | RuntimeException e) {
                            return new Result(f, List.of(), reason(e));
                        } finally {
                            idle.offer(scanner);
                            progress.read(sizes.getOrDefault(f, 0L));
                            progress.fileDone();
                        }
                    }));
                }
                List<Result> out = new ArrayList<>();
                for (Future<Result> fu : futures) {
                    try {
                        out.add(fu.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("scan worker failed", e.getCause());
                    }
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }

        private static String reason(Exception e) {
            if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
            if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        private static ObjectNode toJson(List<Result> results, List<String> walkErrors) {
            ObjectNode root = Json.object();
            ArrayNode matches = root.putArray("matches");
            ArrayNode errors = root.putArray("errors");
            for (String w : walkErrors) errors.addObject().put("error", w);
            for (Result r : results) {
                if (r.error() != null) errors.addObject().put("path", r.file().toString()).put("error", r.error());
                for (RuleMatch m : r.matches()) {
                    ObjectNode o = matches.addObject();
                    o.put("rule", m.rule());
                    o.put("path", r.file().toString());
                    ArrayNode tags = o.putArray("tags");
                    m.tags().forEach(tags::add);
                    ObjectNode meta = o.putObject("meta");
                    m.meta().forEach((k, v) -> {
                        if (v instanceof Long l) meta.put(k, l);
                        else if (v instanceof Boolean b) meta.put(k, b);
                        else meta.put(k, String.valueOf(v));
                    });
                    ArrayNode strings = o.putArray("strings");
                    for (RuleMatch.StringMatch s : m.strings()) {
                        strings.addObject().put("identifier", s.identifier()).put("offset", s.offset())
                                .put("length", s.length()).put("data", YaraDetector.printable(s.data()));
                    }
                }
            }
            return root;
        }
    }
}
