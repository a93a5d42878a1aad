package dwell.yara;

import dwell.yara.Ast.*;
import java.util.Set;

/**
 * Decides, conservatively, whether a condition can only be true when at least one of the rule's strings
 * matched. Such rules are not evaluated at all for files where none of their strings occur.
 */
final class Gating {
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

    private Gating() {
    }

    static boolean needsMatch(Expr e) {
        if (e instanceof StringMatch s) return !s.id().equals("$");
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case "and" -> needsMatch(b.left()) || needsMatch(b.right());
                case "or" -> needsMatch(b.left()) && needsMatch(b.right());
                default -> COMPARISONS.contains(b.op()) && (undefinedWithoutMatch(b.left()) || undefinedWithoutMatch(b.right())
                        || countAtLeastOne(b));
            };
        }
        if (e instanceof Of o && !o.rules()) {
            if (o.quantifier() instanceof Any) return true;
            if (o.quantifier() instanceof Count c && c.n() instanceof IntLit n) return n.value() >= 1;
            if (o.quantifier() instanceof Percent p && p.n() instanceof IntLit n) return n.value() >= 1;
            return false;
        }
        return false;
    }

    /** {@code @a[i]} and {@code !a[i]} are undefined without matches, so any comparison on them is false. */
    private static boolean undefinedWithoutMatch(Expr e) {
        return (e instanceof StringOffset o && !o.id().equals("$")) || (e instanceof StringLength l && !l.id().equals("$"));
    }

    /** {@code #a > n} with n >= 0, {@code #a >= n} with n >= 1, and their mirrors. */
    private static boolean countAtLeastOne(Binary b) {
        if (b.left() instanceof StringCount c && c.in() == null && !c.id().equals("$") && b.right() instanceof IntLit n) {
            return (b.op().equals(">") && n.value() >= 0) || (b.op().equals(">=") && n.value() >= 1)
                    || (b.op().equals("==") && n.value() >= 1);
        }
        if (b.right() instanceof StringCount c && c.in() == null && !c.id().equals("$") && b.left() instanceof IntLit n) {
            return (b.op().equals("<") && n.value() >= 0) || (b.op().equals("<=") && n.value() >= 1)
                    || (b.op().equals("==") && n.value() >= 1);
        }
        return false;
    }
}
