package dwell.impact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One cmdlet as a log recorded it: its name and parameters (names lower-cased, values unquoted). Two spellings:
 * the ECP server log's {@code CMD} ({@code New-InboxRule.Mailbox='a@b'.ForwardTo='x@y'}) and the MSExchange
 * Management log's parameter text ({@code -Mailbox "a@b" -FilePath "\\host\share\a.pst"}). A value may hold
 * the quote that encloses it (the logs do not escape it): a quote ends the value only where the next parameter
 * or the end follows.
 */
record CmdletCall(String name, Map<String, String> parameters) {

    /** The first of {@code names} the call has, non-empty, or null. */
    String first(List<String> names) {
        for (String n : names) {
            String v = parameters.get(n.toLowerCase(Locale.ROOT));
            if (v != null && !v.isBlank() && !v.equalsIgnoreCase("$null")) return v.strip();
        }
        return null;
    }

    /** An ECP {@code CMD}: {@code Name.Key='value'.Key2=value}; null when it names no cmdlet. */
    static CmdletCall ofEcp(String cmd) {
        if (cmd == null) return null;
        String s = cmd.strip();
        int dot = nextKey(s, 0);
        String name = (dot < 0 ? s : s.substring(0, dot)).strip();
        if (!looksLikeCmdlet(name)) return null;
        Map<String, String> params = new LinkedHashMap<>();
        int p = dot;
        while (p >= 0 && p < s.length()) {
            int eq = s.indexOf('=', p);
            String key = s.substring(p + 1, eq);
            int v = eq + 1;
            int end;
            String value;
            if (v < s.length() && s.charAt(v) == '\'') {
                int close = v + 1;
                while (close < s.length() && !(s.charAt(close) == '\'' && (close + 1 == s.length() || keyAt(s, close + 1)))) close++;
                value = s.substring(v + 1, Math.min(close, s.length()));
                end = close + 1 >= s.length() ? -1 : close + 1;
            } else {
                end = nextKey(s, v);
                value = s.substring(v, end < 0 ? s.length() : end);
            }
            params.putIfAbsent(key.toLowerCase(Locale.ROOT), value.replace("''", "'"));
            p = end;
        }
        return new CmdletCall(name, params);
    }

    /** A cmdlet name and its PowerShell parameter text ({@code -Name value -Switch -Name2 "quoted value"}). */
    static CmdletCall ofPowerShell(String name, String parameters) {
        if (!looksLikeCmdlet(name == null ? "" : name.strip())) return null;
        Map<String, String> params = new LinkedHashMap<>();
        String s = parameters == null ? "" : parameters;
        int i = nextDash(s, 0);
        while (i >= 0) {
            int k = i + 1;
            while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) k++;
            String key = s.substring(i + 1, k).toLowerCase(Locale.ROOT);
            int v = k;
            if (v < s.length() && s.charAt(v) == ':') v++;
            while (v < s.length() && s.charAt(v) == ' ') v++;
            int next;
            String value;
            if (v >= s.length() || v > k && dashAt(s, v)) {
                value = "";
                next = v >= s.length() ? -1 : v;
            } else if (s.charAt(v) == '"' || s.charAt(v) == '\'') {
                char q = s.charAt(v);
                int close = v + 1;
                while (close < s.length() && !(s.charAt(close) == q && (close + 1 == s.length() || nextDash(s, close + 1) >= 0
                        || s.substring(close + 1).isBlank()))) close++;
                value = s.substring(v + 1, Math.min(close, s.length()));
                next = close + 1 >= s.length() ? -1 : nextDash(s, close + 1);
            } else {
                int sp = s.indexOf(' ', v);
                value = s.substring(v, sp < 0 ? s.length() : sp);
                next = sp < 0 ? -1 : nextDash(s, sp);
            }
            params.putIfAbsent(key, value);
            i = next;
        }
        return new CmdletCall(name.strip(), params);
    }

    private static boolean looksLikeCmdlet(String name) {
        int dash = name.indexOf('-');
        if (dash <= 0 || dash == name.length() - 1) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }

    /** The index of the next {@code .Key=} at or after {@code from}, or -1. */
    private static int nextKey(String s, int from) {
        for (int i = s.indexOf('.', from); i >= 0; i = s.indexOf('.', i + 1)) {
            if (keyAt(s, i)) return i;
        }
        return -1;
    }

    /** True when {@code .Key=} starts at {@code i}: a dot, a letter, letters or digits, an equals sign. */
    private static boolean keyAt(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '.' || i + 1 >= s.length() || !Character.isLetter(s.charAt(i + 1))) return false;
        int k = i + 2;
        while (k < s.length() && Character.isLetterOrDigit(s.charAt(k))) k++;
        return k < s.length() && s.charAt(k) == '=';
    }

    /** The index of the next parameter's dash (at the start or after a space, followed by a letter) at or after from. */
    private static int nextDash(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (dashAt(s, i)) return i;
            if (s.charAt(i) != ' ') return -1;
        }
        return -1;
    }

    private static boolean dashAt(String s, int i) {
        return s.charAt(i) == '-' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)) && (i == 0 || s.charAt(i - 1) == ' ');
    }
}
