package dwell.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A {@code re} value, matched with RE2/J: linear time in the length of the value whatever the pattern, because
 * both the pattern and the logged values may come from an attacker.
 */
final class RegexTest implements ValueTest {
    private final Pattern pattern;
    private final String literal;

    public RegexTest(String regex, boolean insensitive, boolean multiline, boolean dotall) {
        int flags = (insensitive ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0)
                | (dotall ? Pattern.DOTALL : 0);
        try {
            this.pattern = Pattern.compile(regex, flags);
            this.literal = RegexLiterals.required(regex);
        } catch (PatternSyntaxException e) {
            throw new RuleException("invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    @Override
    public boolean test(String value, EventView view) {
        return value != null && pattern.matcher(value).find();
    }

    @Override
    public int cost() {
        return 30;
    }

    /** The longest ASCII text every match holds (lower case), or "". */
    @Override
    public String requiredLiteral() {
        return literal;
    }

    @Override
    public String toString() {
        return "re " + pattern.pattern();
    }
}
