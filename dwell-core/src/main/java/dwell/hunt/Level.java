package dwell.hunt;

import java.util.Locale;

/** Severity of a finding, Sigma's levels in rising order. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level name case-insensitively; {@code info} is accepted for informational. */
    public static Level parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("info")) return INFORMATIONAL;
        for (Level l : values()) {
            if (l.id().equals(v)) return l;
        }
        throw new IllegalArgumentException("unknown level: " + s);
    }
}
