package dwell.report;

import java.util.Locale;

/**
 * A chart coordinate as {@code String.format(Locale.ROOT, "%.1f", v)} writes it (a point whatever the JVM's locale:
 * a German one wrote x="12,5"), without java.util.Formatter: the charts write a few hundred in a scan's last stage,
 * where the Formatter parsed its pattern on every call and had ~40 methods compiled for them alone.
 */
final class SvgNumber {
    private SvgNumber() {
    }

    /**
     * Appends {@code v} with one decimal: its shortest decimal digits ({@link Double#toString}, which Formatter's
     * {@code %f} rounds too) rounded half up at the first decimal, with a minus sign on any negative value, -0.0 included.
     */
    static StringBuilder one(StringBuilder b, double v) {
        String s = Double.toString(Math.abs(v));
        if (Double.isNaN(v) || Double.isInfinite(v) || s.indexOf('E') >= 0) {
            return b.append(String.format(Locale.ROOT, "%.1f", v)); // no chart writes these; the slow way, the same text
        }
        if (Double.compare(v, 0.0) < 0) b.append('-');
        int dot = s.indexOf('.');
        if (s.length() - dot <= 2 || s.charAt(dot + 2) < '5') return b.append(s, 0, dot + 2);
        // round up: the digits before the second decimal, less the point, plus one
        char[] digits = (s.substring(0, dot) + s.charAt(dot + 1)).toCharArray();
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i < 0) b.append('1');
        else digits[i]++;
        return b.append(digits, 0, digits.length - 1).append('.').append(digits[digits.length - 1]);
    }
}
