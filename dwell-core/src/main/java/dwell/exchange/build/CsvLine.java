package dwell.exchange.build;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting, no embedded line breaks) into fields. */
public final class CsvLine {
    private CsvLine() {
    }

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Quotes a field when it holds a comma, quote or leading/trailing space. */
    public static String quote(String field) {
        if (field == null) return "";
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || !field.equals(field.strip())) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
