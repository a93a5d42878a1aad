package dwell.ioc;

import dwell.format.text.LineReader;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV feed with a type and a value column. A first line naming {@code type} and {@code value} is a
 * header and may add {@code comment} (or {@code description}), {@code score}, {@code valid_from},
 * {@code valid_until}; without a header the columns are {@code type,value[,comment]}. The delimiter is the
 * first of comma, semicolon or tab found in the first line; fields may be double-quoted (RFC 4180) on one line.
 */
final class CsvFeed {
    private CsvFeed() {
    }

    static void read(InputStream in, FeedContext ctx) throws IOException {
        LineReader r = LineReader.open(in, FeedContext.MAX_LINE);
        Map<String, Integer> cols = null;
        char delim = 0;
        while (r.next()) {
            long n = r.lineNumber();
            if (r.tooLong()) {
                ctx.reject(n, "line longer than " + FeedContext.MAX_LINE + " bytes");
                continue;
            }
            String line = r.text();
            if (line.isBlank() || line.startsWith("#")) continue;
            if (delim == 0) {
                delim = delimiter(line);
                List<String> head;
                try {
                    head = split(line, delim);
                } catch (IocSyntaxException e) {
                    ctx.reject(n, e.getMessage());
                    continue;
                }
                Map<String, Integer> named = new HashMap<>();
                for (int i = 0; i < head.size(); i++) named.putIfAbsent(head.get(i).strip().toLowerCase(Locale.ROOT), i);
                if (named.containsKey("type") && named.containsKey("value")) {
                    cols = named;
                    continue;
                }
                cols = Map.of("type", 0, "value", 1, "comment", 2);
            }
            try {
                ctx.add(row(split(line, delim), cols, ctx.line(n)));
            } catch (IocSyntaxException e) {
                ctx.reject(n, e.getMessage());
            }
        }
    }

    private static Ioc row(List<String> f, Map<String, Integer> cols, IocSource src) throws IocSyntaxException {
        String typeName = field(f, cols, "type");
        String value = field(f, cols, "value");
        if (typeName == null || typeName.isBlank()) throw new IocSyntaxException("missing type column");
        if (value == null || value.isBlank()) throw new IocSyntaxException("missing value column");
        IocType type = IocType.byName(typeName)
                .orElseThrow(() -> new IocSyntaxException("unsupported indicator type: " + typeName.strip()));
        IocValue v = ValueParser.parse(type, value);
        String comment = field(f, cols, "comment");
        if (comment == null) comment = field(f, cols, "description");
        String score = field(f, cols, "score");
        Integer sc = null;
        if (score != null && !score.isBlank()) {
            try {
                sc = Integer.valueOf(score.strip());
            } catch (NumberFormatException e) {
                throw new IocSyntaxException("score is not a number: " + score);
            }
            if (sc < 0 || sc > 100) throw new IocSyntaxException("score out of 0-100: " + sc);
        }
        return new Ioc(v, List.of(), src, sc, comment == null || comment.isBlank() ? null : comment.strip(),
                instant(field(f, cols, "valid_from")), instant(field(f, cols, "valid_until")));
    }

    private static Instant instant(String s) throws IocSyntaxException {
        if (s == null || s.isBlank()) return null;
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IocSyntaxException("not an ISO-8601 UTC time: " + s.strip());
        }
    }

    private static String field(List<String> f, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        return i == null || i >= f.size() ? null : f.get(i);
    }

    private static char delimiter(String line) {
        int best = Integer.MAX_VALUE;
        char d = ',';
        for (char c : new char[] {',', ';', '\t'}) {
            int i = line.indexOf(c);
            if (i >= 0 && i < best) {
                best = i;
                d = c;
            }
        }
        return d;
    }

    static List<String> split(String line, char delim) throws IocSyntaxException {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (true) {
            b.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) throw new IocSyntaxException("unterminated quoted field");
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != delim) throw new IocSyntaxException("text after a closing quote");
            } else {
                while (i < line.length() && line.charAt(i) != delim) b.append(line.charAt(i++));
            }
            out.add(b.toString());
            if (i >= line.length()) return out;
            i++; // the delimiter
        }
    }
}
