package dwell.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.List;

/**
 * How deep a recursive-descent parser of rule text has gone. Every parser of user-supplied rules counts its
 * recursion here and rejects the rule past {@link #MAX} levels, so that hostile input ends in a clear message
 * instead of exhausting the thread's stack (real rules nest a handful of levels deep).
 */
public final class Nesting {
    /** The deepest nesting accepted: a few hundred stack frames at most in any parser, far below any real rule's need. */
    public static final int MAX = 100;
    /** The rejection every parser gives, after its own position prefix. */
    public static final String MESSAGE = "nesting deeper than " + MAX;

    private int depth;

    /** Joins two operands; {@code operator} is the index of the operator between them in the run (0 for the first). */
    @FunctionalInterface
    public interface Join<T> {
        T join(T left, T right, int operator);
    }

    /**
     * A run of an associative operator ({@code a or b or c ...}) as a balanced tree of its operands in their order:
     * a run of any length then costs every later walk of the tree the log of its length in stack, not the length.
     */
    public static <T> T balanced(List<T> operands, Join<T> join) {
        return balanced(operands, join, 0, operands.size());
    }

    /** The factory, made to reject JSON or YAML rule documents nested deeper than {@link #MAX} (Jackson allows 1000). */
    public static <F extends JsonFactory> F limit(F factory) {
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX).build());
        return factory;
    }

    /** True when a parser of a {@link #limit limited} factory stopped at the nesting limit. */
    public static boolean exceeded(JsonProcessingException e) {
        return e instanceof StreamConstraintsException && String.valueOf(e.getOriginalMessage()).contains("nesting depth");
    }

    private static <T> T balanced(List<T> operands, Join<T> join, int from, int to) {
        if (to - from == 1) return operands.get(from);
        int mid = (from + to) >>> 1;
        return join.join(balanced(operands, join, from, mid), balanced(operands, join, mid, to), mid - 1);
    }

    /** Goes one level deeper; false (and no change) when that would pass {@link #MAX}. */
    public boolean enter() {
        if (depth >= MAX) return false;
        depth++;
        return true;
    }

    /** Comes back up {@code levels} levels. */
    public void exit(int levels) {
        depth -= levels;
    }
}
