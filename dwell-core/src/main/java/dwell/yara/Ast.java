package dwell.yara;

import java.util.List;

/** The syntax tree of a YARA rule file: what the parser produces and the compiler consumes. */
final class Ast {
    private Ast() {
    }

    /** A position in a rule file, for error messages. */
    public record Pos(String file, int line, int col) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + col;
        }
    }

    /** A parsed rule file: its imports and rules, in order; includes are already expanded, the files they read listed. */
    public record RuleFile(List<String> imports, List<Rule> rules, List<Include> includes) {
    }

    /** A file an include read, with the SHA-256 of the bytes read (a compiled-rule cache entry depends on it). */
    public record Include(java.nio.file.Path file, byte[] sha256) {
    }

    /** One rule as written. */
    public record Rule(String name, boolean global, boolean isPrivate, List<String> tags, List<Meta> meta,
                       List<StringDef> strings, Expr condition, List<String> imports, Pos pos) {
    }

    /** A meta entry; value is a String, Long or Boolean. */
    public record Meta(String key, Object value) {
    }

    /** A string definition: identifier ("$" when anonymous), pattern and modifiers. */
    public record StringDef(String id, Pattern pattern, Modifiers mods, Pos pos) {
    }

    /** What a string definition describes. */
    public sealed interface Pattern permits Text, Hex, Regex {
    }

    /** A text string, as bytes (the rule file is read byte for byte). */
    public record Text(byte[] bytes) implements Pattern {
    }

    /** A hex string's body between the braces. */
    public record Hex(String body) implements Pattern {
    }

    /** A regular expression with its trailing flags. */
    public record Regex(String source, boolean nocase, boolean dotall) implements Pattern {
    }

    /** String modifiers; xor range is [xorMin, xorMax] or xorMin = -1 when absent; alphabet null = standard. */
    public record Modifiers(boolean ascii, boolean wide, boolean nocase, boolean fullword, boolean isPrivate,
                            int xorMin, int xorMax, boolean base64, boolean base64wide, String alphabet) {
        public static final Modifiers NONE = new Modifiers(false, false, false, false, false, -1, -1, false, false, null);

        public boolean xor() {
            return xorMin >= 0;
        }
    }

    /** A condition expression. */
    public sealed interface Expr permits BoolLit, IntLit, FloatLit, StrLit, Filesize, Entrypoint, StringMatch,
            StringCount, StringOffset, StringLength, Ident, Field, Index, Call, Unary, Binary, Of, ForOf, ForIn {
        Pos pos();
    }

    public record BoolLit(boolean value, Pos pos) implements Expr {
    }

    public record IntLit(long value, Pos pos) implements Expr {
    }

    public record FloatLit(double value, Pos pos) implements Expr {
    }

    public record StrLit(byte[] value, Pos pos) implements Expr {
    }

    public record Filesize(Pos pos) implements Expr {
    }

    public record Entrypoint(Pos pos) implements Expr {
    }

    /** {@code $a}, {@code $a at x}, {@code $a in (lo..hi)}; at and in may be null. */
    public record StringMatch(String id, Expr at, Range in, Pos pos) implements Expr {
    }

    /** {@code #a} or {@code #a in (lo..hi)}. */
    public record StringCount(String id, Range in, Pos pos) implements Expr {
    }

    /** {@code @a} or {@code @a[i]}; index null means 1. */
    public record StringOffset(String id, Expr index, Pos pos) implements Expr {
    }

    /** {@code !a} or {@code !a[i]}; index null means 1. */
    public record StringLength(String id, Expr index, Pos pos) implements Expr {
    }

    /** A bare identifier: a rule, an external, a loop variable or a module. */
    public record Ident(String name, Pos pos) implements Expr {
    }

    public record Field(Expr target, String name, Pos pos) implements Expr {
    }

    public record Index(Expr target, Expr index, Pos pos) implements Expr {
    }

    public record Call(Expr target, List<Expr> args, Pos pos) implements Expr {
    }

    /** Unary operators: not, defined, neg, bitnot. */
    public record Unary(String op, Expr operand, Pos pos) implements Expr {
    }

    /** Binary operators, by their YARA spelling (and, or, ==, +, contains, matches, ...). */
    public record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {
    }

    /** {@code Q of them | ($a, $b*) | (rule1, rule2*)}, optionally {@code in (lo..hi)} or {@code at x}. */
    public record Of(Quantifier quantifier, List<String> set, boolean rules, Range in, Expr at, Pos pos) implements Expr {
    }

    /** {@code for Q of set : (body)}; set null = them. */
    public record ForOf(Quantifier quantifier, List<String> set, Expr body, Pos pos) implements Expr {
    }

    /** {@code for Q v1, v2 in iterable : (body)}. */
    public record ForIn(Quantifier quantifier, List<String> vars, Iter iterable, Expr body, Pos pos) implements Expr {
    }

    /** An integer range {@code (lo..hi)}. */
    public record Range(Expr lo, Expr hi) {
    }

    /** How many items must satisfy a quantified expression. */
    public sealed interface Quantifier permits All, Any, None, Count, Percent {
    }

    public record All() implements Quantifier {
    }

    public record Any() implements Quantifier {
    }

    public record None() implements Quantifier {
    }

    public record Count(Expr n) implements Quantifier {
    }

    public record Percent(Expr n) implements Quantifier {
    }

    /** What a for-in loop iterates over. */
    public sealed interface Iter permits RangeIter, ListIter, ExprIter {
    }

    public record RangeIter(Range range) implements Iter {
    }

    public record ListIter(List<Expr> items) implements Iter {
    }

    /** A module array or dictionary. */
    public record ExprIter(Expr expr) implements Iter {
    }
}
