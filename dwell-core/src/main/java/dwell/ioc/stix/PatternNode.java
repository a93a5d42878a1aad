package dwell.ioc.stix;

import java.util.List;

/** The syntax tree of a STIX pattern: observation expressions over comparison expressions. */
public sealed interface PatternNode {

    /** {@code [comparison]} with its qualifiers (WITHIN, REPEATS, START/STOP). */
    record Observation(Comparison comparison, List<String> qualifiers) implements PatternNode {
    }

    /** Two observation expressions joined by AND, OR or FOLLOWEDBY. */
    record Observations(String operator, PatternNode left, PatternNode right) implements PatternNode {
    }

    /** A parenthesised observation expression with qualifiers. */
    record Group(PatternNode inner, List<String> qualifiers) implements PatternNode {
    }

    /** A comparison expression inside an observation. */
    sealed interface Comparison {
    }

    /** {@code left AND right} / {@code left OR right} inside one observation. */
    record Logical(String operator, Comparison left, Comparison right) implements Comparison {
    }

    /** {@code path [NOT] op value}; {@code values} has one literal, or the list of an IN. */
    record Test(ObjectPath path, String operator, boolean negated, List<Literal> values) implements Comparison {
    }

    /** {@code EXISTS path}. */
    record Exists(ObjectPath path) implements Comparison {
    }

    /** {@code type:prop.sub[*].x}: the object type and its property steps, quoted steps unquoted. */
    record ObjectPath(String objectType, List<String> steps) {
        /** The steps joined by dots, list indexes as {@code [*]} / {@code [n]}. */
        public String property() {
            StringBuilder b = new StringBuilder();
            for (String s : steps) {
                if (!s.startsWith("[") && b.length() > 0) b.append('.');
                b.append(s);
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return objectType + ":" + property();
        }
    }

    /** A constant: its token kind and its text (strings unescaped). */
    record Literal(Token.Kind kind, String text) {
        /** True for a quoted string constant. */
        public boolean isString() {
            return kind == Token.Kind.STRING;
        }

        /** True for an integer constant. */
        public boolean isInteger() {
            return kind == Token.Kind.INT;
        }
    }
}
