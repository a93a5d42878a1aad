package dwell.sigma;

/** A parsed detection condition. */
public sealed interface Condition {
    /** {@code a and b}. */
    record And(Condition left, Condition right) implements Condition {
    }

    /** {@code a or b}. */
    record Or(Condition left, Condition right) implements Condition {
    }

    /** {@code not a}. */
    record Not(Condition operand) implements Condition {
    }

    /** A search identifier by name. */
    record Ref(String name) implements Condition {
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern}, with {@code them} for every identifier not starting with
     * an underscore; {@code count} is how many must match (0 for all).
     */
    record Of(int count, String pattern) implements Condition {
        public boolean all() {
            return count == 0;
        }

        public boolean them() {
            return pattern.equals("them");
        }
    }
}
