package dwell.sigma;

import java.util.List;

/**
 * The compiled values of one field item ({@code Field|mods: values}) or keyword list: one test per rule value
 * (variants a modifier makes from one value are ORed inside it), joined by OR, or AND with {@code all};
 * {@code negate} for {@code neq}; {@code exists} set for the {@code exists} modifier (then tests is empty).
 */
public record ValueMatch(List<ValueTest> tests, boolean all, boolean negate, Boolean exists) {
    public ValueMatch {
        tests = List.copyOf(tests);
    }
}
