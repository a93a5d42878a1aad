package dwell.format.text;

import java.util.List;

/**
 * Splits one CSV record (RFC 4180 quoting: a quoted value may hold commas, line breaks and doubled
 * quotes). Lenient: a quote inside an unquoted value is kept as a character.
 */
final class Csv {
    private Csv() {
    }

    /**
     * Splits {@code record} into {@code out} (cleared first). Returns false when the record ends inside
     * a quoted value, meaning the record continues on the next line.
     */
    public static boolean split(String record, char delimiter, List<String> out) {
        out.clear();
        int n = record.length();
        StringBuilder quoted = null;
        int i = 0;
        while (true) {
            if (i < n && record.charAt(i) == '"') {
                if (quoted == null) quoted = new StringBuilder();
                quoted.setLength(0);
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = record.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && record.charAt(i + 1) == '"') {
                            quoted.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    quoted.append(c);
                    i++;
                }
                if (!closed) return false;
                // text after the closing quote up to the delimiter belongs to the value
                int d = record.indexOf(delimiter, i);
                int end = d < 0 ? n : d;
                if (end > i) quoted.append(record, i, end);
                out.add(quoted.toString());
                if (d < 0) return true;
                i = d + 1;
            } else {
                int d = record.indexOf(delimiter, i);
                if (d < 0) {
                    out.add(record.substring(i));
                    return true;
                }
                out.add(record.substring(i, d));
                i = d + 1;
            }
        }
    }
}
