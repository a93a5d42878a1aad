package dwell.yara;

import java.util.Arrays;

/**
 * The empty moves of a {@link Program}: from one instruction, every instruction that consumes a byte or
 * matches, reached through jumps, splits (first branch first) and assertions that hold, each at most once per
 * step of a simulation. Shared by the forward {@link PikeVm} and the backward {@link StartFilter}.
 */
final class Closure {
    private static final Re.Assert.Kind[] KINDS = Re.Assert.Kind.values();
    private int[] mark = new int[64];
    private int[] stack = new int[64];
    private int generation = 1;

    /** Makes room for a program of {@code size} instructions. */
    void fit(int size) {
        if (mark.length < size) {
            mark = new int[size];
            stack = new int[Math.max(stack.length, size * 2 + 2)];
            generation = 1;
        }
    }

    /** Starts a step: every instruction may be reached once more. */
    void step() {
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            generation = 1;
        }
    }

    /**
     * Appends to {@code list} from {@code count} on, in priority order, what {@code pc0} leads to at {@code pos}
     * and was not reached before in this step; returns the new count. {@code list} must have room for the program.
     */
    int follow(Program prog, ScanData data, long pos, int pc0, int[] list, int count) {
        int sp = 0;
        stack[sp++] = pc0;
        while (sp > 0) {
            int pc = stack[--sp];
            if (mark[pc] == generation) continue;
            mark[pc] = generation;
            switch (prog.op[pc]) {
                case Program.JMP -> stack[sp++] = prog.x[pc];
                case Program.SPLIT -> {
                    if (sp + 2 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
                    stack[sp++] = prog.y[pc];
                    stack[sp++] = prog.x[pc];
                }
                case Program.ASSERT -> {
                    if (holds(prog.x[pc], data, pos, data.size())) stack[sp++] = pc + 1;
                }
                default -> list[count++] = pc;
            }
            if (sp + 2 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
        }
        return count;
    }

    private static boolean holds(int kind, ScanData data, long pos, long size) {
        return switch (KINDS[kind]) {
            case START -> pos == 0;
            case END -> pos == size;
            case WORD_BOUNDARY -> isWord(data, pos - 1, size) != isWord(data, pos, size);
            case NOT_WORD_BOUNDARY -> isWord(data, pos - 1, size) == isWord(data, pos, size);
            case WIDE_WORD_BOUNDARY -> isWideWord(data, pos - 2, size) != isWideWord(data, pos, size);
            case WIDE_NOT_WORD_BOUNDARY -> isWideWord(data, pos - 2, size) == isWideWord(data, pos, size);
        };
    }

    private static boolean isWideWord(ScanData data, long pos, long size) {
        return pos + 1 < size && isWord(data, pos, size) && data.get(pos + 1) == 0;
    }

    private static boolean isWord(ScanData data, long pos, long size) {
        if (pos < 0 || pos >= size) return false;
        int c = data.get(pos);
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
