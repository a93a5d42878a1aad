package dwell.format.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the EventData of an ECP log ({@code S:TIME=12;S:USR=contoso\admin;S:CMD=...}) into KEY/value pairs.
 *
 * <p>The rule: a pair starts at the beginning of the text, or right after a {@code ;} that is directly
 * followed by a type tag and a key and {@code =}: a tag of one or two letters and a colon ({@code S:},
 * {@code I:}, {@code Dt:}), then a key of letters, digits, {@code _ . -} starting with a letter. Any other
 * {@code ;} (inside a cmdlet's parameters, a script, HTML) is part of the value, so a value such as
 * {@code Set-OabVirtualDirectory.ExternalUrl='http://x/<script>...eval(Request["a"],"unsafe");}</script>'}
 * stays whole. The pair's field name is the key without its tag; one trailing {@code ;} ends the last pair.
 * When a key repeats, the first value is kept (the whole text stays in EventData).
 */
final class EcpEventData {
    private EcpEventData() {
    }

    static Map<String, String> pairs(String data) {
        Map<String, String> out = new LinkedHashMap<>();
        if (data == null || data.isEmpty()) return out;
        int n = data.length();
        int keyStart = pairStart(data, 0);
        if (keyStart < 0) return out;
        int pos = 0;
        while (pos < n) {
            int tagEnd = data.indexOf(':', pos);
            int eq = data.indexOf('=', tagEnd + 1);
            String key = data.substring(tagEnd + 1, eq);
            int valueStart = eq + 1;
            int next = nextPair(data, valueStart);
            int valueEnd = next < 0 ? n : next - 1;
            if (next < 0 && valueEnd > valueStart && data.charAt(valueEnd - 1) == ';') valueEnd--;
            out.putIfAbsent(key, data.substring(valueStart, Math.max(valueStart, valueEnd)));
            if (next < 0) break;
            pos = next;
        }
        return out;
    }

    /** The start of the next pair after {@code from}: the index just after a {@code ;} that opens a pair, or -1. */
    private static int nextPair(String s, int from) {
        int i = from;
        while (true) {
            int semi = s.indexOf(';', i);
            if (semi < 0 || semi + 1 >= s.length()) return -1;
            if (pairStart(s, semi + 1) >= 0) return semi + 1;
            i = semi + 1;
        }
    }

    /** If a pair ({@code Tag:Key=}) starts at {@code p}, the index of its key; else -1. */
    static int pairStart(String s, int p) {
        int n = s.length();
        int i = p;
        while (i < n && i - p < 2 && isLetter(s.charAt(i))) i++;
        if (i == p || i >= n || s.charAt(i) != ':') return -1;
        int key = ++i;
        if (i >= n || !isLetter(s.charAt(i))) return -1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '=') return key;
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) return -1;
            i++;
        }
        return -1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
