package dwell.casefile;

import dwell.format.evtx.IsoInstant;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 UTC text (the outputs' and the case's times) read as {@link Instant#parse} reads it, the form
 * {@link Instant#toString} writes ({@code 2021-03-05T10:00:00.123Z}) directly, by {@link IsoInstant#parse}:
 * Instant.parse builds a formatter on every call, and in a scan's case stage its few thousand calls took a seventh
 * of the stage's Java time.
 */
public final class UtcText {
    private UtcText() {
    }

    /** The instant, or null for null or unreadable text. */
    public static Instant instant(String iso) {
        return iso == null ? null : IsoInstant.parse(iso);
    }

    /** The time in UTC, or null for null, empty or unreadable text. */
    public static LocalDateTime parse(String iso) {
        Instant t = iso == null || iso.isEmpty() ? null : IsoInstant.parse(iso);
        if (t == null) return null;
        try {
            return LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // the years past LocalDateTime's, which Instant still holds
        }
    }
}
