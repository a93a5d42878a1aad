package dwell.exchange.exposure;

import java.util.Locale;

/** How one vulnerability stands on one server. */
public enum Exposure {
    /** The fix is certainly missing. */
    VULNERABLE,
    /** The fix is a security update the input cannot show (CU-level inventory). */
    AT_RISK,
    /** The build has what it can have; a setting decides (Extended Protection). */
    CHECK_CONFIGURATION;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
