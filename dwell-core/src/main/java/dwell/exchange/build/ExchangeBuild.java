package dwell.exchange.build;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Exchange file version, major.minor.build.revision, compared numerically. Parsing accepts the forms
 * Microsoft prints: {@code 15.1.2106.13}, zero-padded {@code 15.01.2106.002}, and AdminDisplayVersion's
 * {@code Version 15.1 (Build 2106.2)}.
 */
public record ExchangeBuild(int major, int minor, int build, int revision) implements Comparable<ExchangeBuild> {
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?");
    private static final Pattern ADMIN_DISPLAY =
            Pattern.compile("(?i)(?:version\\s+)?(\\d{1,5})\\.(\\d{1,5})\\s*\\(\\s*build\\s+(\\d{1,6})\\.(\\d{1,6})\\s*\\)");
    private static final Comparator<ExchangeBuild> ORDER = Comparator.comparingInt(ExchangeBuild::major)
            .thenComparingInt(ExchangeBuild::minor).thenComparingInt(ExchangeBuild::build)
            .thenComparingInt(ExchangeBuild::revision);

    public ExchangeBuild {
        if (major < 0 || minor < 0 || build < 0 || revision < 0) {
            throw new IllegalArgumentException("negative version part");
        }
    }

    /** Parses a dotted version with three or four parts (a missing revision is 0), or an AdminDisplayVersion. */
    public static Optional<ExchangeBuild> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.strip();
        Matcher m = DOTTED.matcher(s);
        if (m.matches()) {
            return Optional.of(new ExchangeBuild(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
        }
        m = ADMIN_DISPLAY.matcher(s);
        if (m.matches()) {
            return Optional.of(new ExchangeBuild(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
        }
        return Optional.empty();
    }

    /** Like {@link #parse} but throws with the offending text. */
    public static ExchangeBuild of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an Exchange build number: " + text));
    }

    /** True if both builds belong to the same cumulative update (same major, minor and build parts). */
    public boolean sameCu(ExchangeBuild other) {
        return major == other.major && minor == other.minor && build == other.build;
    }

    /** This build's cumulative update with revision 0: the key that orders CUs. */
    public ExchangeBuild cuKey() {
        return new ExchangeBuild(major, minor, build, 0);
    }

    @Override
    public int compareTo(ExchangeBuild o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + revision;
    }
}
