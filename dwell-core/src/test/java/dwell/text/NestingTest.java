package dwell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestingTest {
    @Test
    void entersUpToTheLimitAndNoFurther() {
        Nesting n = new Nesting();
        for (int i = 0; i < Nesting.MAX; i++) assertTrue(n.enter(), "level " + (i + 1));
        assertFalse(n.enter(), "one past the limit");
        assertFalse(n.enter(), "a refused level is not counted");
        n.exit(1);
        assertTrue(n.enter(), "back under the limit");
        assertEquals("nesting deeper than 100", Nesting.MESSAGE);
    }

    /** A tree of joins, written out with parentheses, to see shape and order. */
    private static String joined(int operands) {
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < operands; i++) ops.add("x" + i);
        return Nesting.balanced(ops, (l, r, op) -> "(" + l + " " + op + " " + r + ")");
    }

    @Test
    void balancedKeepsOperandOrderAndNamesTheOperatorBetween() {
        assertEquals("x0", joined(1));
        assertEquals("(x0 0 x1)", joined(2));
        assertEquals("(x0 0 (x1 1 x2))", joined(3));
        assertEquals("((x0 0 x1) 1 (x2 2 x3))", joined(4));
    }

    @Test
    void aLongRunIsOnlyLogarithmicallyDeep() {
        String tree = joined(100_000);
        int depth = 0;
        int max = 0;
        for (char c : tree.toCharArray()) {
            if (c == '(') max = Math.max(max, ++depth);
            else if (c == ')') depth--;
        }
        assertEquals(17, max, "ceil(log2(100000))");
        assertTrue(tree.startsWith("(".repeat(16) + "x0 0 "), tree.substring(0, 40));
    }
}
