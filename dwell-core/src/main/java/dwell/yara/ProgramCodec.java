package dwell.yara;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pike VM programs and string variants in the compiled-rule encoding. A program is its length in bytes (so that a
 * reader can pass over it and decode it when a scan first runs it, {@link EncodedProgram}), its instruction count,
 * then per instruction the opcode and what that opcode uses: a byte instruction the number of its set in the rule
 * set's table of byte sets (a few hundred distinct sets serve hundreds of thousands of instructions; the table is
 * written before everything that numbers it); a split or jump its targets relative to itself; an assertion its
 * kind. Reading checks what the VM relies on (known opcodes, jumps inside the program, a final match).
 */
final class ProgramCodec {
    private static final int LITERAL = 0, PATTERN = 1;
    private static final int ASSERT_KINDS = Re.Assert.Kind.values().length;

    /** Writing: the number of each byte set written so far, by content, and the sets in that order. */
    private final Map<ByteSet, Integer> setNumbers = new HashMap<>();
    private final List<long[]> setsWritten = new ArrayList<>();
    /** Writing: where one program is encoded before it is written behind its length. */
    private final CodecOut scratch = new CodecOut();
    /** Reading: the table of byte sets (shared by the programs decoded, which never change them). */
    private List<long[]> sets = List.of();

    void write(CodecOut o, Program p) {
        CodecOut w = scratch.clear();
        w.i(p.size());
        for (int k = 0; k < p.size(); k++) {
            w.i(p.op[k]);
            switch (p.op[k]) {
                case Program.BYTE -> w.i(number(p.sets[k]));
                case Program.SPLIT -> w.i(p.x[k] - k).i(p.y[k] - k);
                case Program.JMP -> w.i(p.x[k] - k);
                case Program.ASSERT -> w.i(p.x[k]);
                default -> { }
            }
        }
        o.nested(w);
    }

    /** The program at the reader's position, read when first asked for. */
    ProgramSource read(CodecIn in) {
        int from = in.skip();
        return new EncodedProgram(in.array(), from, in.position() - from, sets);
    }

    /** A program's instructions (what {@link #write} put behind the length), checked as they are read. */
    static Program read(CodecIn in, List<long[]> sets) {
        int n = in.count();
        if (n == 0 || n > Program.MAX_SIZE) throw CodecIn.bad("program of " + n + " instructions");
        int[] op = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        long[][] set = new long[n][];
        for (int k = 0; k < n; k++) {
            op[k] = in.index(Program.MATCH + 1);
            switch (op[k]) {
                case Program.BYTE -> set[k] = sets.get(in.index(sets.size()));
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

    private int number(long[] set) {
        return setNumbers.computeIfAbsent(new ByteSet(set[0], set[1], set[2], set[3]), k -> {
            setsWritten.add(set);
            return setsWritten.size() - 1;
        });
    }

    /** A byte set's four words, as a map key. */
    private record ByteSet(long w0, long w1, long w2, long w3) {
    }

    /** Writes the table of the byte sets the programs written so far use. */
    void writeSets(CodecOut o) {
        o.i(setsWritten.size());
        for (long[] set : setsWritten) for (long w : set) o.l(w);
    }

    /** Reads the table of byte sets, which every program read after it uses. */
    void readSets(CodecIn in) {
        int n = in.count();
        List<long[]> table = new ArrayList<>(n);
        for (int k = 0; k < n; k++) table.add(new long[] {in.l(), in.l(), in.l(), in.l()});
        sets = List.copyOf(table);
    }

    void variant(CodecOut o, Variant v) {
        if (v instanceof Variant.Literal l) {
            o.i(LITERAL).i(l.pattern()).bytes(l.bytes()).bool(l.nocase()).bool(l.wide()).bool(l.fullword());
        } else if (v instanceof Variant.Pattern p) {
            o.i(PATTERN).i(p.pattern());
            write(o, p.program().get());
            write(o, p.reversed().get());
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
        ProgramSource program = read(in);
        ProgramSource reversed = read(in);
        int limit = in.i();
        boolean wide = in.bool();
        boolean fullword = in.bool();
        long[] words = {in.l(), in.l(), in.l(), in.l()};
        boolean[] first = new boolean[256];
        for (int b = 0; b < 256; b++) first[b] = (words[b >> 6] & 1L << (b & 63)) != 0;
        return new Variant.Pattern(pattern, program, reversed, limit, wide, fullword, first);
    }
}
