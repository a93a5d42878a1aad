package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SvgNumber} writes exactly what {@code String.format(Locale.ROOT, "%.1f", v)} does. */
class SvgNumberTest {
    private static void same(double v) {
        assertEquals(String.format(Locale.ROOT, "%.1f", v), SvgNumber.one(new StringBuilder(), v).toString(), "value " + v);
    }

    @Test
    void roundsHalfUpOnTheShortestDigitsAndCarries() {
        for (double v : new double[] {0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.45, 2.675, 9.95, 9.96, 99.95, 999.95, 0.949, 1.5, 12.34,
                -0.04, -0.05, -0.15, -9.95, -12.5, 1e-3, 9.5e-4, 1e-5, 1e7, 9999999.95, 1.23e12, Double.MAX_VALUE, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            same(v);
        }
    }

    @Test
    void chartRangesAndRandomValues() {
        for (int i = -2_000; i <= 2_000; i++) {
            same(i / 100.0);
            same(i / 1000.0);
            same(i * 0.05);
        }
        SplittableRandom r = new SplittableRandom(20);
        for (int i = 0; i < 5_000; i++) {
            same(r.nextDouble(-2000, 2000));
            same(Double.longBitsToDouble(r.nextLong()));
        }
    }
}
