package dwell.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A {@code re} value, matched with RE2/J: linear time in the length of the value whatever the pattern, because
 * both the pattern and the logged values may come from an attacker.
 */
final class RegexTest implements ValueTest {
    /** Null until first needed when the pattern is known to compile ({@link #deferred}). */
    private volatile Pattern pattern;
    private final String source;
    private final int flags;
    private final String literal;
    /** Texts every match holds in this order (any case): a value without them cannot match. */
    private final String[] runs;
    /** The runs alone decide a match on a value without line breaks (or with them, under DOTALL). */
    private final boolean runsDecide;
    private final boolean dotall;

    public RegexTest(String regex, boolean insensitive, boolean multiline, boolean dotall) {
        this(regex, insensitive, multiline, dotall, true);
    }

    /**
     * A test of a pattern that compiled when its rule was loaded (read back from the rule cache): compiled when a
     * value first gets past its texts. A cache hit compiled SigmaHQ's 153 Windows patterns (~13 ms CPU on C1), most
     * of them for rules no event of a scan reaches.
     */
    static RegexTest deferred(String regex, boolean insensitive, boolean multiline, boolean dotall) {
        return new RegexTest(regex, insensitive, multiline, dotall, false);
    }

    private RegexTest(String regex, boolean insensitive, boolean multiline, boolean dotall, boolean now) {
        this.source = regex;
        this.flags = (insensitive ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0)
                | (dotall ? Pattern.DOTALL : 0);
        try {
            if (now) this.pattern = Pattern.compile(regex, flags);
            this.literal = RegexLiterals.required(regex);
            this.runs = RegexLiterals.runs(regex).toArray(String[]::new);
            this.runsDecide = RegexLiterals.onlyRuns(regex);
            this.dotall = dotall;
        } catch (PatternSyntaxException e) {
            throw new RuleException("invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    @Override
    public boolean test(String value, EventView view) {
        if (value == null || !inOrder(value, runs)) return false;
        if (runsDecide && (dotall || value.indexOf('\n') < 0)) return true;
        return pattern().matcher(value).find();
    }

    /**
     * True when the value holds the texts in order, not overlapping, ignoring case as {@link String#regionMatches}
     * does (which equates more characters than RE2's case folding: so never false for a value RE2 matches).
     */
    static boolean inOrder(String value, String[] runs) {
        int from = 0;
        for (String r : runs) {
            int at = indexOf(value, r, from);
            if (at < 0) return false;
            from = at + r.length();
        }
        return true;
    }

    private static int indexOf(String value, String text, int from) {
        char first = text.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        int n = text.length();
        for (int i = from, last = value.length() - n; i <= last; i++) {
            char c = value.charAt(i);
            if ((c == lower || c == upper || c >= 128) && value.regionMatches(true, i, text, 0, n)) return i;
        }
        return -1;
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

    /** The pattern as the rule wrote it; its flags say which of i, m, s were given. */
    Pattern pattern() {
        Pattern p = pattern;
        if (p == null) {
            // two threads meeting it at once compile equal patterns; either is kept
            p = Pattern.compile(source, flags);
            pattern = p;
        }
        return p;
    }

    /** Whether the pattern has been compiled yet. */
    boolean compiled() {
        return pattern != null;
    }

    /** The regex as the rule wrote it. */
    String source() {
        return source;
    }

    /** The pattern's flags ({@link Pattern#CASE_INSENSITIVE}, {@link Pattern#MULTILINE}, {@link Pattern#DOTALL}). */
    int flags() {
        return flags;
    }

    @Override
    public String toString() {
        return "re " + source;
    }
}
