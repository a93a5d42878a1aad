package dwell.exchange.exposure;

import java.util.Locale;

/** A server's overall exposure (DESIGN.md ids). */
public enum Status {
    /** At least one known vulnerability is certainly unfixed. */
    VULNERABLE,
    /** Fixed only if an unseen security update is installed, or a configuration must be checked. */
    AT_RISK,
    /** Every known fix is in the build. */
    PATCHED,
    /** The product gets no security updates any more. */
    UNSUPPORTED,
    /** The build could not be determined or placed. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
