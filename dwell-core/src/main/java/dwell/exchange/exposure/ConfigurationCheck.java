package dwell.exchange.exposure;

import dwell.exchange.build.ExchangeBuild;

/**
 * A setting a fix depends on: {@code check} says what to verify; builds at or above {@code safeFrom}
 * (may be null) have the setting on by default.
 */
public record ConfigurationCheck(String check, ExchangeBuild safeFrom) {
    /** True if the build needs the setting checked by hand. */
    public boolean appliesTo(ExchangeBuild build) {
        return safeFrom == null || build.compareTo(safeFrom) < 0;
    }
}
