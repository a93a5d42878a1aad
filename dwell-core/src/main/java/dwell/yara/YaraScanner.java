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

/**
 * Scans bytes or files with a {@link YaraRules}: one Aho-Corasick pass over the data finds atom hits, each
 * hit's variant is verified (literal compare or Pike VM), then every condition is evaluated. Files up to
 * {@code maxInMemory} bytes are read into one buffer; larger files are memory-mapped and fed in windows.
 * One scanner per thread; the rules are shared.
 */
public final class YaraScanner {
    /** Default size up to which a file is read into memory. */
    public static final long DEFAULT_MAX_IN_MEMORY = 64L << 20;
    private static final int WINDOW = 1 << 20;

    private final YaraRules rules;
    private final long maxInMemory;
    private final PikeVm vm = new PikeVm();
    private final Matches matches;
    private final Evaluator evaluator;
    private byte[] buffer = new byte[0];
    private final Variant[] variants;

    public YaraScanner(YaraRules rules) {
        this(rules, DEFAULT_MAX_IN_MEMORY);
    }

    public YaraScanner(YaraRules rules, long maxInMemory) {
        this.rules = rules;
        this.maxInMemory = Math.max(0, Math.min(maxInMemory, Integer.MAX_VALUE - 16));
        this.matches = new Matches(rules.patterns);
        this.evaluator = new Evaluator(rules, vm);
        this.variants = rules.variants.toArray(new Variant[0]);
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
        findStrings(data);
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

    private void findStrings(ScanData data) {
        AhoCorasick.Hits hits = (entries, end) -> {
            for (AhoCorasick.Entry e : entries) {
                Variant v = variants[e.variant()];
                for (long s = end - e.maxBack(); s <= end - e.minBack(); s++) verify(v, data, s);
            }
        };
        if (data instanceof ScanData.Array a) {
            rules.automaton.feed(0, a.bytes(), a.length(), 0, hits);
        } else {
            byte[] window = new byte[WINDOW];
            int state = 0;
            for (long pos = 0; pos < data.size(); ) {
                int n = data.copy(pos, window, 0, window.length);
                if (n <= 0) break;
                state = rules.automaton.feed(state, window, n, pos, hits);
                pos += n;
            }
        }
        for (int vi : rules.unanchored) {
            Variant.Pattern p = (Variant.Pattern) rules.variants.get(vi);
            boolean[] first = p.firstBytes();
            long size = data.size();
            for (long pos = 0; pos <= size; pos++) {
                if (pos < size && !first[data.get(pos)]) continue;
                verify(p, data, pos);
            }
        }
    }

    private void verify(Variant v, ScanData data, long start) {
        if (start < 0) return;
        long size = data.size();
        int len;
        if (v instanceof Variant.Literal lit) {
            byte[] b = lit.bytes();
            if (start + b.length > size) return;
            if (lit.nocase()) {
                for (int k = 0; k < b.length; k++) {
                    if (Atoms.fold(data.get(start + k)) != Atoms.fold(b[k] & 0xff)) return;
                }
            } else {
                for (int k = 0; k < b.length; k++) {
                    if (data.get(start + k) != (b[k] & 0xff)) return;
                }
            }
            len = b.length;
        } else {
            Variant.Pattern p = (Variant.Pattern) v;
            if (start > size) return;
            // an atom at a variable distance asks for many starts; most fail on their first byte
            if (start < size && !p.firstBytes()[data.get(start)]) return;
            len = vm.match(p.program(), data, start, p.limit());
            if (len < 0) return;
        }
        if (v.fullword() && !fullword(data, start, len, v.wide())) return;
        matches.add(v.pattern(), start, len);
    }

    private static boolean fullword(ScanData data, long start, int len, boolean wide) {
        long size = data.size();
        if (wide) {
            if (start >= 2 && data.get(start - 1) == 0 && alnum(data.get(start - 2))) return false;
            long end = start + len;
            return !(end + 1 < size && data.get(end + 1) == 0 && alnum(data.get(end)));
        }
        if (start >= 1 && alnum(data.get(start - 1))) return false;
        return !(start + len < size && alnum(data.get(start + len)));
    }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
