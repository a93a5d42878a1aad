package dwell.ioc;

import dwell.hunt.Level;
import java.time.Instant;
import java.util.List;

/**
 * One indicator of compromise: the value it matches, further conditions the same event must meet (a STIX
 * observation joined by AND, a MISP {@code ip-dst|port}), where it was defined, and the feed's score, comment
 * and validity (each nullable).
 */
public record Ioc(IocValue value, List<Check> requires, IocSource source, Integer score, String comment,
                  Instant validFrom, Instant validUntil) {
    public Ioc {
        requires = List.copyOf(requires);
    }

    public Ioc(IocValue value, IocSource source, Integer score, String comment) {
        this(value, List.of(), source, score, comment, null, null);
    }

    public IocType type() {
        return value.type();
    }

    /**
     * The finding level for this indicator's score (0-100, LOKI/THOR and STIX confidence scale): none given -
     * high (a feed lists what it considers malicious); 90 and up critical; 70-89 high; 50-69 medium; 25-49 low;
     * below 25 informational.
     */
    public Level level() {
        return levelOf(score);
    }

    /** The documented score-to-level mapping, see {@link #level()}. */
    public static Level levelOf(Integer score) {
        if (score == null) return Level.HIGH;
        if (score >= 90) return Level.CRITICAL;
        if (score >= 70) return Level.HIGH;
        if (score >= 50) return Level.MEDIUM;
        if (score >= 25) return Level.LOW;
        return Level.INFORMATIONAL;
    }

    /** True when the instant lies inside the validity window (an open end is unbounded; a null instant is inside). */
    public boolean validAt(Instant t) {
        if (t == null) return true;
        return (validFrom == null || !t.isBefore(validFrom)) && (validUntil == null || t.isBefore(validUntil));
    }

    /**
     * A further condition on the same event. {@code negated}: the value must not occur. {@code skipIfUnlogged}:
     * an event that has no field of the value's kind at all passes (a port next to an address, when the log
     * records no port).
     */
    public record Check(IocValue value, boolean negated, boolean skipIfUnlogged) {
    }
}
