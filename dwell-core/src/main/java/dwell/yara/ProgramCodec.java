package dwell.yara;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pike VM programs and string variants in the compiled-rule encoding. A program is its instruction count, then per
 * instruction the opcode and what that opcode uses: a byte instruction its set, numbered across the whole rule set
 * (a few hundred distinct sets serve hundreds of thousands of instructions) and written in full at first use; a
 * split or jump its targets relative to itself; an assertion its kind. Reading checks what the VM relies on (known
 * opcodes, jumps inside the program, a final match).
 */
final class ProgramCodec {
    private static final int LITERAL = 0, PATTERN = 1;
    private static final int ASSERT_KINDS = Re.Assert.Kind.values().length;

    /** Writing: the number of each byte set written so far, by content. */
    private final Map<ByteSet, Integer> setNumbers = new HashMap<>();
    /** Reading: the byte sets read so far, by number (shared by the programs decoded, which never change them). */
    private final List<long[]> sets = new ArrayList<>();

    void write(CodecOut o, Program p) {
        o.i(p.size());
        for (int k = 0; k < p.size(); k++) {
            o.i(p.op[k]);
            switch (p.op[k]) {
                case Program.BYTE -> set(o, p.sets[k]);
                case Program.SPLIT -> o.i(p.x[k] - k).i(p.y[k] - k);
                case Program.JMP -> o.i(p.x[k] - k);
                case Program.ASSERT -> o.i(p.x[k]);
                default -> { }
            }
        }
    }

    Program read(CodecIn in) {
        int n = in.count();
        if (n == 0 || n > Program.MAX_SIZE) throw CodecIn.bad("program of " + n + " instructions");
        int[] op = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        long[][] set = new long[n][];
        for (int k = 0; k < n; k++) {
            op[k] = in.index(Program.MATCH + 1);
            switch (op[k]) {
                case Program.BYTE -> set[k] = set(in);
                case Program.SPLIT -> {
                    x[k] = target(in, k, n);
                    y[k] = target(in, k, n);
                }
                case Program.JMP -> x[k] = target(in, k, n);
                case Program.ASSERT -> x[k] = in.index(ASSERT_KINDS);
                default -> { }
            }
        }
        if (op[n - 1] != Program.MATCH) throw CodecIn.bad("a program does not end in a match");
        return new Program(op, x, y, set);
    }

    private static int target(CodecIn in, int pc, int n) {
        long t = (long) pc + in.i();
        if (t < 0 || t >= n) throw CodecIn.bad("a jump out of its program");
        return (int) t;
    }

    private void set(CodecOut o, long[] set) {
        ByteSet key = new ByteSet(set[0], set[1], set[2], set[3]);
        Integer known = setNumbers.get(key);
        if (known != null) {
            o.i(known);
            return;
        }
        o.i(setNumbers.size());
        setNumbers.put(key, setNumbers.size());
        for (long w : set) o.l(w);
    }

    /** A byte set's four words, as a map key. */
    private record ByteSet(long w0, long w1, long w2, long w3) {
    }

    private long[] set(CodecIn in) {
        int k = in.i();
        if (k >= 0 && k < sets.size()) return sets.get(k);
        if (k != sets.size()) throw CodecIn.bad("byte set number " + k + " out of order");
        long[] set = {in.l(), in.l(), in.l(), in.l()};
        sets.add(set);
        return set;
    }

    void variant(CodecOut o, Variant v) {
        if (v instanceof Variant.Literal l) {
            o.i(LITERAL).i(l.pattern()).bytes(l.bytes()).bool(l.nocase()).bool(l.wide()).bool(l.fullword());
        } else if (v instanceof Variant.Pattern p) {
            o.i(PATTERN).i(p.pattern());
            write(o, p.program());
            write(o, p.reversed());
            o.i(p.limit()).bool(p.wide()).bool(p.fullword());
            // the 256 flags as four 64-bit words
            long[] words = new long[4];
            for (int b = 0; b < 256; b++) if (p.firstBytes()[b]) words[b >> 6] |= 1L << (b & 63);
            for (long w : words) o.l(w);
        }
    }

    Variant variant(CodecIn in, int patterns) {
        if (in.index(2) == LITERAL) {
            int pattern = in.index(patterns);
            byte[] bytes = in.bytes();
            if (bytes == null || bytes.length == 0) throw CodecIn.bad("an empty literal");
            return new Variant.Literal(pattern, bytes, in.bool(), in.bool(), in.bool());
        }
        int pattern = in.index(patterns);
        Program program = read(in);
        Program reversed = read(in);
        int limit = in.i();
        boolean wide = in.bool();
        boolean fullword = in.bool();
        long[] words = {in.l(), in.l(), in.l(), in.l()};
        boolean[] first = new boolean[256];
        for (int b = 0; b < 256; b++) first[b] = (words[b >> 6] & 1L << (b & 63)) != 0;
        return new Variant.Pattern(pattern, program, reversed, limit, wide, fullword, first);
    }
}
