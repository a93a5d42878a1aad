package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.QueryResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The charts' SVG numbers are written with a decimal point whatever the JVM's default locale. */
class ChartsLocaleTest {
    private static final QueryResult ITEMS = new QueryResult(List.of("path", "format", "first", "last"), List.of(
            List.of("logs/W3SVC1/u_ex190411.log", "iis-w3c", "2019-04-11T08:00:00Z", "2019-04-11T09:13:00Z"),
            List.of("logs/W3SVC1/u_ex210302.log", "iis-w3c", "2021-03-02T00:00:00Z", "2021-03-02T23:59:00Z")));

    private static String coverageIn(Locale locale) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(locale);
            return Charts.coverage(ITEMS);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aGermanDefaultLocaleWritesTheSameSvg() {
        String root = coverageIn(Locale.ROOT);
        assertEquals(root, coverageIn(Locale.GERMANY));
        Matcher m = Pattern.compile(" (?:x|width)=\"([^\"]*)\"").matcher(root);
        int numbers = 0;
        while (m.find()) {
            assertTrue(m.group(1).matches("\\d+(\\.\\d)?"), "an SVG number: " + m.group(1));
            numbers++;
        }
        assertTrue(numbers > 4, "the chart has bars and an axis");
    }
}
