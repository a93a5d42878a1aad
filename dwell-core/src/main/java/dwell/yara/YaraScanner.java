package dwell.yara;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Scans bytes or files with a {@link YaraRules}: one Aho-Corasick pass over the data finds atom hits, each
 * hit's variant is verified (literal compare or Pike VM), then every condition is evaluated. Files up to
 * {@code maxInMemory} bytes are read into one buffer; larger files are memory-mapped and fed in windows.
 * One scanner per thread; the rules are shared. In a fork-join pool, a large file's string search can be
 * split between the pool's threads (see {@link #YaraScanner(YaraRules, long, long)}).
 */
public final class YaraScanner {
    /** Default size up to which a file is read into memory. */
    public static final long DEFAULT_MAX_IN_MEMORY = 64L << 20;
    /** Most pieces one file is split into. */
    private static final int MAX_PIECES = 64;

    private final RuleTables rules;
    private final long maxInMemory;
    private final PikeVm vm = new PikeVm();
    private final Matches matches;
    private final Evaluator evaluator;
    private byte[] buffer = new byte[0];
    private final Variant[] variants;
    private final StringFinder finder;
    private final long splitAbove;
    private long timeoutSeconds;

    public YaraScanner(YaraRules rules) {
        this(rules, DEFAULT_MAX_IN_MEMORY, 0);
    }

    public YaraScanner(YaraRules rules, long maxInMemory) {
        this(rules, maxInMemory, 0);
    }

    /**
     * A scanner that, when it runs in a fork-join pool of two or more threads, splits the string search of a
     * file of at least twice {@code splitAbove} bytes into pieces of about that size for the pool's idle
     * threads (0: never split). The results are the same; one large file no longer holds up a scan.
     */
    public YaraScanner(YaraRules rules, long maxInMemory, long splitAbove) {
        this.rules = rules.tables();
        this.maxInMemory = Math.max(0, Math.min(maxInMemory, Integer.MAX_VALUE - 16));
        this.matches = new Matches(this.rules.patterns);
        this.evaluator = new Evaluator(this.rules, vm);
        this.variants = this.rules.variants.toArray(new Variant[0]);
        this.finder = new StringFinder(this.rules, variants, vm, matches);
        this.splitAbove = Math.max(0, splitAbove);
    }

    /**
     * Gives every later scan at most {@code seconds} (0: no limit), as yara's {@code --timeout}: a scan that
     * takes longer throws {@link ScanTimeoutException}.
     */
    public YaraScanner timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Scans a byte array. */
    public List<RuleMatch> scan(byte[] bytes) {
        return scan(new ScanData.Array(bytes, bytes.length));
    }

    /** Scans a file without modifying it; large files are mapped, never read whole onto the heap. */
    public List<RuleMatch> scan(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= maxInMemory) {
                if (buffer.length < size) buffer = new byte[(int) Math.max(size, Math.min(maxInMemory, buffer.length * 2L))];
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, (int) size);
                while (bb.hasRemaining()) {
                    if (ch.read(bb) < 0) break;
                }
                return scan(new ScanData.Array(buffer, bb.position()));
            }
            return scan(new MappedData(ch, size));
        }
    }

    private List<RuleMatch> scan(ScanData data) {
        matches.clear();
        Deadline deadline = Deadline.in(timeoutSeconds);
        vm.deadline(deadline);
        findStrings(data, deadline);
        boolean[] hold = evaluator.evaluate(data, matches);
        List<RuleMatch> out = new ArrayList<>();
        for (CompiledRule r : rules.rules) {
            if (!hold[r.index()] || r.rule().isPrivate()) continue;
            out.add(describe(r, data));
        }
        return out;
    }

    private RuleMatch describe(CompiledRule r, ScanData data) {
        Map<String, Object> meta = new LinkedHashMap<>();
        for (Ast.Meta m : r.rule().meta()) meta.putIfAbsent(m.key(), m.value());
        List<RuleMatch.StringMatch> strings = new ArrayList<>();
        for (int si : r.strings()) {
            StringInfo info = rules.strings.get(si);
            if (info.isPrivate()) continue;
            int pi = info.pattern();
            int n = matches.count(pi);
            for (int k = 0; k < n; k++) {
                long off = matches.offset(pi, k);
                int len = matches.length(pi, k);
                byte[] d = new byte[Math.min(len, RuleMatch.StringMatch.MAX_DATA)];
                data.copy(off, d, 0, d.length);
                strings.add(new RuleMatch.StringMatch(info.id(), off, len, d));
            }
        }
        return new RuleMatch(r.name(), r.rule().tags(), meta, strings);
    }

    /** Finds the strings in the whole data, in pieces on the current fork-join pool when it is large enough. */
    private void findStrings(ScanData data, Deadline deadline) {
        long size = data.size();
        ForkJoinPool pool = ForkJoinTask.getPool();
        if (splitAbove <= 0 || size < 2 * splitAbove || pool == null || !ForkJoinTask.inForkJoinPool()
                || pool.getParallelism() < 2) {
            finder.find(data, 0, size, deadline);
            return;
        }
        int pieces = (int) Math.min(MAX_PIECES, size / splitAbove);
        List<StringFinder> finders = new ArrayList<>();
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        for (int k = 0; k < pieces; k++) {
            long from = size * k / pieces;
            long to = size * (k + 1) / pieces;
            PikeVm own = new PikeVm();
            own.deadline(deadline);
            StringFinder f = k == 0 ? finder : new StringFinder(rules, variants, own, new Matches(rules.patterns));
            finders.add(f);
            tasks.add(ForkJoinTask.adapt(() -> f.find(data, from, to, deadline)));
        }
        ForkJoinTask.invokeAll(tasks);
        for (int k = 1; k < pieces; k++) matches.addAll(finders.get(k).matches());
    }
}
