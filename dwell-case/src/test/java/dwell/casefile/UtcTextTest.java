package dwell.casefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcTextTest {
    /** What the case stored before: Instant.parse, null where it throws. */
    private static LocalDateTime viaInstant(String iso) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant instantOrNull(String iso) {
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Test
    void readsEveryFormInstantParseReadsAsItDoesAndNothingElse() {
        for (String s : List.of("2021-03-05T10:00:00Z", "2021-03-05T10:00:00.1Z", "2021-03-05T10:00:00.123Z",
                "2019-04-27T15:57:25.868863200Z", "2019-04-27T15:57:25.868863Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "2021-03-05t10:00:00z", "2021-03-05T10:00:00+01:00", "2021-03-05T10:00:00.Z", "2021-03-05T10:00:00.1234567890Z",
                "2021-12-31T23:59:60Z", "2021-03-05T24:00:00Z", "2021-02-30T10:00:00Z", "2023-02-29T10:00:00Z",
                "2021-13-01T10:00:00Z", "2021-03-05T10:60:00Z", "2021-03-05 10:00:00Z", "2021-03-05T10:00:00", "2021-3-05T10:00:00Z",
                "２０２１-03-05T10:00:00Z", "2021-03-05T10:00:0xZ", "Z", "-", "garbage")) {
            assertEquals(viaInstant(s), UtcText.parse(s), s);
            assertEquals(instantOrNull(s), UtcText.instant(s), s);
        }
        assertEquals(LocalDateTime.of(2021, 12, 31, 23, 59, 59), UtcText.parse("2021-12-31T23:59:60Z"), "a leap second, as Instant.parse reads it");
        assertNull(UtcText.parse(null));
        assertNull(UtcText.instant(null));
        assertNull(UtcText.parse(""));
    }

    @Test
    void readsBackWhatInstantWrites() {
        Random r = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong() % 253_402_300_799L, i % 4 == 0 ? 0 : r.nextInt(1_000_000_000) / (i % 3 == 0 ? 1_000_000 : 1) * (i % 3 == 0 ? 1_000_000 : 1));
            assertEquals(LocalDateTime.ofInstant(t, ZoneOffset.UTC), UtcText.parse(t.toString()), t.toString());
            assertEquals(t, UtcText.instant(t.toString()), t.toString());
        }
    }
}
