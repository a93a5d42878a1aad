package dwell.exchange.exposure;

import java.util.Locale;

/** Microsoft's maximum severity rating of a vulnerability, in rising order. */
public enum Severity {
    LOW, MODERATE, IMPORTANT, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
