package dwell.sigma;

import java.util.Locale;

/** The correlation types of Sigma 2.1. */
public enum CorrelationType {
    EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types that aggregate a field's values (they need condition.field). */
    public boolean needsField() {
        return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
    }

    public static CorrelationType parse(String s) {
        for (CorrelationType t : values()) if (t.id().equals(s)) return t;
        throw new RuleException("unknown correlation type '" + s + "'", s);
    }
}
